import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { loginSessions, users } from '../db/schema';
import { newSecret } from '../ids';
import type { SessionUser } from '../ports/session-user';
import { sha256Hex } from './password';

// A forgotten laptop in the hall stops being logged in after a quiet evening,
// and no login lives longer than a week whatever its activity.
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

// Keyed with the server secret: a copied database alone cannot be matched against stolen cookies.
const idHashOf = (token: string, secret = '') => sha256Hex(`${secret}:${token}`);

export type { SessionUser } from '../ports/session-user';

/** Starts a fresh login (a new id at every login, against session fixation). Returns the cookie value. */
export async function createLoginSession(db: Db, userId: string, now: number, secret?: string): Promise<string> {
  const token = newSecret();
  await db.insert(loginSessions).values({
    idHash: await idHashOf(token, secret),
    userId,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS),
  });
  return token;
}

/** The user behind a cookie, or null when unknown, expired, idle too long or disabled. */
export async function findSessionUser(db: Db, token: string, now: number, secret?: string): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const idHash = await idHashOf(token, secret);
  const [row] = await db
    .select({ user: { id: users.id, email: users.email, name: users.name, role: users.role }, lastSeenAt: loginSessions.lastSeenAt, expiresAt: loginSessions.expiresAt })
    .from(loginSessions)
    .innerJoin(users, eq(users.id, loginSessions.userId))
    .where(and(eq(loginSessions.idHash, idHash), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + IDLE_TIMEOUT_MS <= now) {
    await db.delete(loginSessions).where(eq(loginSessions.idHash, idHash));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(loginSessions).set({ lastSeenAt: new Date(now) }).where(eq(loginSessions.idHash, idHash));
  }
  return row.user;
}

export async function endLoginSession(db: Db, token: string, secret?: string): Promise<void> {
  await db.delete(loginSessions).where(eq(loginSessions.idHash, await idHashOf(token, secret)));
}

export async function endAllLoginSessions(db: Db, userId: string): Promise<void> {
  await endAllLoginSessionsStatement(db, userId);
}

/** The delete behind endAllLoginSessions, to run inside the batch of the change that calls for it. */
export const endAllLoginSessionsStatement = (db: Db, userId: string) => db.delete(loginSessions).where(eq(loginSessions.userId, userId));

/** Drops logins past their absolute or idle timeout (they would be refused anyway); run at each login. */
export async function purgeExpiredLoginSessions(db: Db, now: number): Promise<void> {
  await db.delete(loginSessions).where(or(lt(loginSessions.expiresAt, new Date(now)), lt(loginSessions.lastSeenAt, new Date(now - IDLE_TIMEOUT_MS))));
}
