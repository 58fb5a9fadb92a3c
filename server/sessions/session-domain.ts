import { asc, eq, sql } from 'drizzle-orm';
import type { SessionInput } from '../../shared/schemas';
import type { SessionUser } from '../auth/login-sessions';
import { hashPassword } from '../auth/password';
import { auditStatement } from '../audit/record-audit';
import { newCode } from '../codes/code-statements';
import { runBatch, type Db } from '../db/database';
import { sessions } from '../db/schema';
import { newId } from '../ids';

export type SessionRow = typeof sessions.$inferSelect;

const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** Adds an agenda item at the end (or at `position`) together with its code. */
export async function createSession(db: Db, user: SessionUser, meetingId: string, input: SessionInput, now: number) {
  const row: SessionRow = {
    id: newId(), meetingId, title: input.title, position: await nextSessionPosition(db, meetingId),
    startsAt: toDate(input.startsAt), endsAt: toDate(input.endsAt), room: input.room ?? '',
    pinHash: input.pin ? await hashPassword(input.pin) : null, createdAt: new Date(now),
  };
  const code = newCode(db, { meetingId, sessionId: row.id, label: null }, now);
  await runBatch(db, [
    db.insert(sessions).values(row),
    code.statement,
    auditStatement(db, { userId: user.id, meetingId, action: 'session.create', target: row.id, detail: { title: row.title } }, now),
  ]);
  if (input.position !== undefined) await moveSession(db, row, input.position);
  const [created] = await db.select().from(sessions).where(eq(sessions.id, row.id));
  return created!;
}

export async function updateSession(db: Db, user: SessionUser, session: SessionRow, change: Partial<SessionInput>, now: number) {
  const set = {
    ...(change.title !== undefined && { title: change.title }),
    ...(change.room !== undefined && { room: change.room }),
    ...(change.startsAt !== undefined && { startsAt: toDate(change.startsAt) }),
    ...(change.endsAt !== undefined && { endsAt: toDate(change.endsAt) }),
    ...(change.pin !== undefined && { pinHash: change.pin ? await hashPassword(change.pin) : null }),
  };
  await runBatch(db, [
    // A move alone ({position}) sets no column here: drizzle refuses an empty SET.
    ...(Object.keys(set).length ? [db.update(sessions).set(set).where(eq(sessions.id, session.id))] : []),
    ...(change.position !== undefined ? await moveStatements(db, session, change.position) : []),
    auditStatement(db, { userId: user.id, meetingId: session.meetingId, action: 'session.update', target: session.id, detail: { ...change, pin: change.pin === undefined ? undefined : change.pin ? 'set' : 'removed' } }, now),
  ]);
  const [updated] = await db.select().from(sessions).where(eq(sessions.id, session.id));
  return updated!;
}

/** Moves a session to `position` in its meeting's agenda and renumbers the others 0..n-1. */
export async function moveSession(db: Db, session: SessionRow, position: number) {
  await runBatch(db, await moveStatements(db, session, position));
}

/** The updates behind moveSession, to run inside the batch of the change that moves it. */
async function moveStatements(db: Db, session: SessionRow, position: number) {
  const all = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.meetingId, session.meetingId)).orderBy(asc(sessions.position), asc(sessions.createdAt));
  const ids = all.map((s) => s.id).filter((id) => id !== session.id);
  ids.splice(Math.min(position, ids.length), 0, session.id);
  return ids.map((id, i) => db.update(sessions).set({ position: i }).where(eq(sessions.id, id)));
}

export async function deleteSession(db: Db, user: SessionUser, session: SessionRow, now: number) {
  await runBatch(db, [
    db.delete(sessions).where(eq(sessions.id, session.id)),
    auditStatement(db, { userId: user.id, meetingId: session.meetingId, action: 'session.delete', target: session.id, detail: { title: session.title } }, now),
  ]);
}

/** Where a new session goes: after the meeting's last one. */
export async function nextSessionPosition(db: Db, meetingId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${sessions.position}) + 1, 0)` }).from(sessions).where(eq(sessions.meetingId, meetingId));
  return row?.n ?? 0;
}
