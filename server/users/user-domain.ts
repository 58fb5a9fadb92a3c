import { and, asc, eq } from 'drizzle-orm';
import type { UserView } from '../../shared/api-contract';
import { endAllLoginSessions } from '../auth/login-sessions';
import { hashPassword } from '../auth/password';
import { runBatch, type Db } from '../db/database';
import { meetingMembers, users } from '../db/schema';
import { notFound } from '../http/api-error';

export type UserRow = typeof users.$inferSelect;

export const toUserView = (u: UserRow): UserView => ({
  id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null, createdAt: u.createdAt.toISOString(),
});

export async function listUsers(db: Db) {
  return (await db.select().from(users).orderBy(asc(users.email))).map(toUserView);
}

export async function findUser(db: Db, id: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw notFound('User not found');
  return user;
}

export interface UserChange {
  name?: string;
  role?: 'admin' | 'organizer';
  disabled?: boolean;
  password?: string;
}

/** Admin changes to an account. Disabling or a new password ends the user's logins everywhere. */
export async function changeUser(db: Db, user: UserRow, change: UserChange, now: number) {
  await db.update(users).set({
    ...(change.name !== undefined && { name: change.name }),
    ...(change.role !== undefined && { role: change.role }),
    ...(change.disabled !== undefined && { disabledAt: change.disabled ? new Date(now) : null }),
    ...(change.password !== undefined && { passwordHash: await hashPassword(change.password) }),
  }).where(eq(users.id, user.id));
  if (change.disabled || change.password !== undefined) await endAllLoginSessions(db, user.id);
  return toUserView(await findUser(db, user.id));
}

export async function listMembers(db: Db, meetingId: string) {
  const rows = await db.select({ user: users }).from(meetingMembers).innerJoin(users, eq(users.id, meetingMembers.userId))
    .where(eq(meetingMembers.meetingId, meetingId)).orderBy(asc(users.email));
  return rows.map((r) => toUserView(r.user));
}

export async function addMember(db: Db, meetingId: string, userId: string, now: number) {
  await findUser(db, userId);
  await db.insert(meetingMembers).values({ meetingId, userId, addedAt: new Date(now) }).onConflictDoNothing();
}

export async function removeMember(db: Db, meetingId: string, userId: string) {
  await runBatch(db, [db.delete(meetingMembers).where(and(eq(meetingMembers.meetingId, meetingId), eq(meetingMembers.userId, userId)))]);
}
