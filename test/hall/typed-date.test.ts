import { describe, expect, it } from 'vitest';
import { dayToText, textToDay, textToTime } from '../../web/src/format/typed-date';

describe('typed dates and times', () => {
  it('reads day/month/year, never month first', () => {
    expect(textToDay('05/12/2026')).toBe('2026-12-05');
    expect(textToDay('5/12/2026')).toBe('2026-12-05');
    expect(textToDay('5-1-2027')).toBe('2027-01-05');
    expect(textToDay('13.02.2026')).toBe('2026-02-13');
    expect(textToDay('12/31/2026')).toBeNull();
    expect(textToDay('31/02/2026')).toBeNull();
    expect(textToDay('2026-12-05')).toBeNull();
    expect(textToDay(' ')).toBe('');
    expect(dayToText('2026-12-05')).toBe('05/12/2026');
  });
  it('reads 24-hour times in the ways people write them', () => {
    expect(['8:30', '08:30', '8.30', '8h30', '0830'].map(textToTime)).toEqual(Array(5).fill('08:30'));
    expect(textToTime('14')).toBe('14:00');
    expect(textToTime('24:00')).toBeNull();
    expect(textToTime('8:30 PM')).toBeNull();
    expect(textToTime('')).toBe('');
  });
});
