import { and, asc, eq } from 'drizzle-orm';
import type { UserView } from '../../shared/api-contract';
import { endAllLoginSessionsStatement, type SessionUser } from '../auth/login-sessions';
import { hashPassword, verifyPassword } from '../auth/password';
import { newUserRow, type NewUser } from '../auth/users';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { meetingMembers, users } from '../db/schema';
import { DomainError, notFound } from '../domain-error';

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

/** An admin creates an account, with the audit row, in one batch. */
export async function createUser(db: Db, actor: SessionUser, input: NewUser, now: number) {
  const { row, user } = await newUserRow(db, input, now);
  await runBatch(db, [
    db.insert(users).values(row),
    auditStatement(db, { userId: actor.id, action: 'user.create', target: user.id, detail: { email: user.email, role: user.role } }, now),
  ]);
  return user;
}

/**
 * An admin changes an account, with the audit row, in one batch. Disabling or a new
 * password ends the user's logins everywhere in the same batch. An admin cannot lock
 * themselves out (disable themselves or drop their own admin role).
 */
export async function changeUser(db: Db, actor: SessionUser, user: UserRow, change: UserChange, now: number): Promise<UserView> {
  if (user.id === actor.id && (change.disabled || change.role === 'organizer')) {
    throw new DomainError('self_lockout', 'You cannot disable yourself or remove your own admin role');
  }
  // An empty change (PATCH {}) changes nothing: answered as the account stands, no write and no audit row
  // (an UPDATE without values is an error in drizzle, which answered 500; found by test/security/fuzz.test.ts).
  if (Object.values(change).every((v) => v === undefined)) return toUserView(user);
  await runBatch(db, [
    ...(await changeStatements(db, user, change, now)),
    auditStatement(db, { userId: actor.id, action: 'user.update', target: user.id, detail: { ...change, password: change.password ? 'reset' : undefined } }, now),
  ]);
  return toUserView(await findUser(db, user.id));
}

/** A user changes their own password (the current one is asked again); all their logins end. */
export async function changeOwnPassword(db: Db, me: SessionUser, currentPassword: string, newPassword: string, now: number): Promise<void> {
  const row = await findUser(db, me.id);
  if (!(await verifyPassword(currentPassword, row.passwordHash))) throw new DomainError('wrong_password', 'The current password is wrong', { field: 'currentPassword' });
  await runBatch(db, [
    ...(await changeStatements(db, row, { password: newPassword }, now)),
    auditStatement(db, { userId: me.id, action: 'user.password', target: me.id }, now),
  ]);
}

async function changeStatements(db: Db, user: UserRow, change: UserChange, now: number) {
  const update = db.update(users).set({
    ...(change.name !== undefined && { name: change.name }),
    ...(change.role !== undefined && { role: change.role }),
    ...(change.disabled !== undefined && { disabledAt: change.disabled ? new Date(now) : null }),
    ...(change.password !== undefined && { passwordHash: await hashPassword(change.password) }),
  }).where(eq(users.id, user.id));
  return change.disabled || change.password !== undefined ? [update, endAllLoginSessionsStatement(db, user.id)] : [update];
}

export async function listMembers(db: Db, meetingId: string) {
  const rows = await db.select({ user: users }).from(meetingMembers).innerJoin(users, eq(users.id, meetingMembers.userId))
    .where(eq(meetingMembers.meetingId, meetingId)).orderBy(asc(users.email));
  return rows.map((r) => toUserView(r.user));
}

/** An admin lets a user manage a meeting, with the audit row, in one batch. */
export async function addMember(db: Db, actor: SessionUser, meetingId: string, userId: string, now: number) {
  await findUser(db, userId);
  await runBatch(db, [
    db.insert(meetingMembers).values({ meetingId, userId, addedAt: new Date(now) }).onConflictDoNothing(),
    auditStatement(db, { userId: actor.id, meetingId, action: 'member.add', target: userId }, now),
  ]);
}

/** An admin takes a user off a meeting, with the audit row, in one batch. */
export async function removeMember(db: Db, actor: SessionUser, meetingId: string, userId: string, now: number) {
  await runBatch(db, [
    db.delete(meetingMembers).where(and(eq(meetingMembers.meetingId, meetingId), eq(meetingMembers.userId, userId))),
    auditStatement(db, { userId: actor.id, meetingId, action: 'member.remove', target: userId }, now),
  ]);
}
