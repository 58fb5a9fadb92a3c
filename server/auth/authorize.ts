import { and, eq } from 'drizzle-orm';
import type { SessionUser } from './login-sessions';
import type { Db } from '../db/database';
import { codes, documents, meetingMembers, meetings, sessions } from '../db/schema';
import { notFound } from '../domain-error';

export type MeetingRow = typeof meetings.$inferSelect;

/**
 * The meeting if this user may manage it. Non-members get the same 404 as for a
 * missing meeting, so ids of other bodies' meetings cannot be probed.
 */
export async function authorizeMeeting(db: Db, user: SessionUser, meetingId: string): Promise<MeetingRow> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw notFound('Meeting not found');
  if (user.role === 'admin') return meeting;
  const [member] = await db
    .select({ userId: meetingMembers.userId })
    .from(meetingMembers)
    .where(and(eq(meetingMembers.meetingId, meetingId), eq(meetingMembers.userId, user.id)));
  if (!member) throw notFound('Meeting not found');
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
