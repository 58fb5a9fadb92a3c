import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logoPng } from '../../test/print/fixtures';
import { makeDomainDb, refusal } from '../../test/support/domain-db';
import { makeExe } from '../../test/support/sample-files';
import { meetings } from '../db/schema';
import { createMeeting } from './meeting-domain';
import { readMeetingLogo, removeMeetingLogo, setMeetingLogo } from './meeting-logo';

// Called as the CLI would call them: no HTTP, a real SQLite file and a real local store.
let t: Awaited<ReturnType<typeof makeDomainDb>>;
beforeAll(async () => (t = await makeDomainDb()));
afterAll(() => t.close());

const newMeeting = (title: string) => createMeeting(t.db, t.user, { title, venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, t.now());
const rowOf = async (id: string) => (await t.db.select().from(meetings).where(eq(meetings.id, id)))[0]!;

describe('the sheet logo', () => {
  it('stores a PNG under logos/, replaces it (the old object goes) and removes it, each with its audit row', async () => {
    const meeting = await newMeeting('Hội nghị');
    const deps = { db: t.db, store: t.store, now: t.now };
    await setMeetingLogo(deps, t.user, await rowOf(meeting.id), logoPng());
    const first = (await rowOf(meeting.id)).logoKey!;
    expect(first).toMatch(new RegExp(`^logos/${meeting.id}/`));
    expect((await readMeetingLogo(t.store, await rowOf(meeting.id)))?.type).toBe('png');

    await setMeetingLogo(deps, t.user, await rowOf(meeting.id), logoPng(60, 40));
    expect((await rowOf(meeting.id)).logoKey).not.toBe(first);
    expect(await t.store.head(first)).toBeNull();

    await removeMeetingLogo(deps, t.user, await rowOf(meeting.id));
    expect((await rowOf(meeting.id)).logoKey).toBeNull();
    expect(await t.auditActions(meeting.id)).toEqual(expect.arrayContaining(['meeting.logo', 'meeting.logo', 'meeting.logo.remove']));
    expect(await refusal(removeMeetingLogo(deps, t.user, await rowOf(meeting.id)))).toEqual({ code: 'bad_request', status: 400 });
  });

  it('refuses what is not a PNG or JPEG, and more than 2 MB, by code, storing nothing', async () => {
    const meeting = await newMeeting('Phiên họp');
    const deps = { db: t.db, store: t.store, now: t.now };
    const row = await rowOf(meeting.id);
    expect(await refusal(setMeetingLogo(deps, t.user, row, new TextEncoder().encode('<svg onload=alert(1)>')))).toEqual({ code: 'unsupported_type', status: 415 });
    expect(await refusal(setMeetingLogo(deps, t.user, row, makeExe()))).toEqual({ code: 'unsupported_type', status: 415 });
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(logoPng());
    expect(await refusal(setMeetingLogo(deps, t.user, row, big))).toEqual({ code: 'file_too_large', status: 413 });
    expect((await rowOf(meeting.id)).logoKey).toBeNull();
  });
});
