import { and, eq } from 'drizzle-orm';
import type { SessionUser } from './login-sessions';
import type { Db } from '../db/database';
import { codes, documents, meetingMembers, meetings, sessions } from '../db/schema';
import { notFound } from '../domain-error';

export type MeetingRow = typeof meetings.$inferSelect;

// The meetings each request was let into, keyed by the request's own user object (a fresh one
// per request, from requireUser): after a change, app.ts tells exactly these meetings' delegate
// pages to rebuild. Every route that names a meeting comes through here, so none can be missed.
const authorized = new WeakMap<SessionUser, Set<string>>();

/** The meetings this request's user was authorized for so far (then forgotten). */
export function takeAuthorizedMeetings(user: SessionUser | undefined): string[] {
  if (!user) return [];
  const ids = authorized.get(user);
  authorized.delete(user);
  return ids ? [...ids] : [];
}

function remember(user: SessionUser, meetingId: string) {
  let ids = authorized.get(user);
  if (!ids) authorized.set(user, (ids = new Set()));
  ids.add(meetingId);
}

/**
 * The meeting if this user may manage it. Non-members get the same 404 as for a
 * missing meeting, so ids of other bodies' meetings cannot be probed.
 */
export async function authorizeMeeting(db: Db, user: SessionUser, meetingId: string): Promise<MeetingRow> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw notFound('Meeting not found');
  if (user.role === 'admin') {
    remember(user, meeting.id);
    return meeting;
  }
  const [member] = await db
    .select({ userId: meetingMembers.userId })
    .from(meetingMembers)
    .where(and(eq(meetingMembers.meetingId, meetingId), eq(meetingMembers.userId, user.id)));
  if (!member) throw notFound('Meeting not found');
  remember(user, meeting.id);
  return meeting;
}

async function meetingIdOf(db: Db, table: typeof sessions | typeof documents | typeof codes, id: string, what: string) {
  const [row] = await db.select({ meetingId: table.meetingId }).from(table).where(eq(table.id, id));
  if (!row) throw notFound(`${what} not found`);
  return row.meetingId;
}

export async function authorizeSession(db: Db, user: SessionUser, sessionId: string) {
  const meeting = await authorizeMeeting(db, user, await meetingIdOf(db, sessions, sessionId, 'Session'));
  const [session] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  return { meeting, session: session! };
}

export async function authorizeDocument(db: Db, user: SessionUser, documentId: string) {
  const meeting = await authorizeMeeting(db, user, await meetingIdOf(db, documents, documentId, 'Document'));
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  return { meeting, document: document! };
}

export async function authorizeCode(db: Db, user: SessionUser, codeId: string) {
  const meeting = await authorizeMeeting(db, user, await meetingIdOf(db, codes, codeId, 'Code'));
  const [code] = await db.select().from(codes).where(eq(codes.id, codeId));
  return { meeting, code: code! };
}
