import { describe, expect, it } from 'vitest';
import { meetingInput, meetingPatch, sessionInput, sessionPatch } from './schemas';

describe('input schemas', () => {
  it('fill defaults on create only: a PATCH never resets what it leaves out', () => {
    expect(meetingInput.parse({ title: 'Họp' })).toMatchObject({ venue: '', timezone: 'Asia/Ho_Chi_Minh' });
    expect(meetingPatch.parse({ title: 'Họp' })).toEqual({ title: 'Họp' });
    expect(sessionInput.parse({ title: 'Phiên 1' })).toEqual({ title: 'Phiên 1', room: '' });
    expect(sessionPatch.parse({ room: 'A1' })).toEqual({ room: 'A1' });
  });

  it('normalises titles to NFC and refuses unknown timezones', () => {
    expect(meetingInput.parse({ title: 'Hội nghị'.normalize('NFD') }).title).toBe('Hội nghị'.normalize('NFC'));
    expect(meetingPatch.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false);
  });
});
