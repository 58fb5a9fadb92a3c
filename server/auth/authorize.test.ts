import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, memoryDb } from '../../test/support/auth-fixtures';
import { codes, documents, meetingMembers, meetings, sessions } from '../db/schema';
import { DomainError } from '../domain-error';
import { authorizeCode, authorizeDocument, authorizeMeeting, authorizeSession, takeAuthorizedMeetings } from './authorize';
import type { SessionUser } from './login-sessions';

let handle: ReturnType<typeof memoryDb>;
let admin: SessionUser, member: SessionUser, outsider: SessionUser;
const at = new Date(0);

beforeEach(async () => {
  handle = memoryDb();
  const { db } = handle;
  admin = await insertUser(db, { id: 'admin', email: 'admin@x.vn', role: 'admin' });
  member = await insertUser(db, { id: 'member', email: 'm@x.vn' });
  outsider = await insertUser(db, { id: 'outsider', email: 'o@x.vn' });
  for (const id of ['m1', 'm2']) await db.insert(meetings).values({ id, title: `Kỳ họp ${id}`, createdAt: at, updatedAt: at });
  await db.insert(meetingMembers).values({ meetingId: 'm1', userId: 'member', addedAt: at });
  // The outsider is a member of another meeting only.
  await db.insert(meetingMembers).values({ meetingId: 'm2', userId: 'outsider', addedAt: at });
  await db.insert(sessions).values({ id: 's1', meetingId: 'm1', title: 'Phiên 1', position: 0, createdAt: at });
  await db.insert(documents).values({ id: 'd1', meetingId: 'm1', title: 'Tờ trình', currentVersion: 1, createdAt: at, updatedAt: at });
  await db.insert(codes).values({ id: 'c1', meetingId: 'm1', sessionId: 's1', token: 'tok-0123456789abcdef', createdAt: at });
});
afterEach(() => handle.close());

const refusal = async (call: Promise<unknown>) => {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return { code: (error as DomainError).code, message: (error as DomainError).message };
};

describe('authorizeMeeting', () => {
  it('lets admins into every meeting and members into theirs, and remembers which for this request', async () => {
    expect((await authorizeMeeting(handle.db, admin, 'm1')).title).toBe('Kỳ họp m1');
    expect((await authorizeMeeting(handle.db, admin, 'm2')).id).toBe('m2');
    expect((await authorizeMeeting(handle.db, member, 'm1')).id).toBe('m1');
    expect(takeAuthorizedMeetings(admin).sort()).toEqual(['m1', 'm2']);
    expect(takeAuthorizedMeetings(admin)).toEqual([]); // taken once, then forgotten
    expect(takeAuthorizedMeetings(member)).toEqual(['m1']);
    expect(takeAuthorizedMeetings(undefined)).toEqual([]);
    expect(takeAuthorizedMeetings(outsider)).toEqual([]);
  });

  it('answers a non-member exactly as a missing meeting (404 "Meeting not found"), remembering nothing', async () => {
    expect(await refusal(authorizeMeeting(handle.db, outsider, 'm1'))).toEqual({ code: 'not_found', message: 'Meeting not found' });
    expect(await refusal(authorizeMeeting(handle.db, member, 'm2'))).toEqual({ code: 'not_found', message: 'Meeting not found' });
    expect(await refusal(authorizeMeeting(handle.db, admin, 'nope'))).toEqual({ code: 'not_found', message: 'Meeting not found' });
    expect(takeAuthorizedMeetings(outsider)).toEqual([]);
    expect(takeAuthorizedMeetings(member)).toEqual([]);
    // The same user id in a fresh request object is another request.
    await authorizeMeeting(handle.db, member, 'm1');
    expect(takeAuthorizedMeetings({ ...member })).toEqual([]);
    expect(takeAuthorizedMeetings(member)).toEqual(['m1']);
  });
});

describe('authorizeSession, authorizeDocument, authorizeCode', () => {
  it('give the row and its meeting to whoever may manage the meeting', async () => {
    const s = await authorizeSession(handle.db, member, 's1');
    expect([s.meeting.id, s.session.id, s.session.title]).toEqual(['m1', 's1', 'Phiên 1']);
    const d = await authorizeDocument(handle.db, member, 'd1');
    expect([d.meeting.id, d.document.id, d.document.title]).toEqual(['m1', 'd1', 'Tờ trình']);
    const c = await authorizeCode(handle.db, admin, 'c1');
    expect([c.meeting.id, c.code.id, c.code.token]).toEqual(['m1', 'c1', 'tok-0123456789abcdef']);
    expect(takeAuthorizedMeetings(member)).toEqual(['m1']);
  });

  it('refuse others and missing rows with a 404 naming the kind', async () => {
    expect(await refusal(authorizeSession(handle.db, outsider, 's1'))).toEqual({ code: 'not_found', message: 'Meeting not found' });
    expect(await refusal(authorizeDocument(handle.db, outsider, 'd1'))).toEqual({ code: 'not_found', message: 'Meeting not found' });
    expect(await refusal(authorizeCode(handle.db, outsider, 'c1'))).toEqual({ code: 'not_found', message: 'Meeting not found' });
    expect(await refusal(authorizeSession(handle.db, admin, 'x'))).toEqual({ code: 'not_found', message: 'Session not found' });
    expect(await refusal(authorizeDocument(handle.db, admin, 'x'))).toEqual({ code: 'not_found', message: 'Document not found' });
    expect(await refusal(authorizeCode(handle.db, admin, 'x'))).toEqual({ code: 'not_found', message: 'Code not found' });
    // Ids of one kind do not open another.
    expect(await refusal(authorizeDocument(handle.db, admin, 's1'))).toEqual({ code: 'not_found', message: 'Document not found' });
  });
});
