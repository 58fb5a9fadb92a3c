import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from '../db/schema';
import { passwordRule } from '../../shared/schemas';
import { DomainError } from '../domain-error';
import { newId } from '../ids';
import { hashPassword } from './password';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'organizer';
}

/** Creates an account (the CLI, the first admin from the environment, tests). */
export async function addUser(db: Db, input: NewUser, now: number) {
  const { row, user } = await newUserRow(db, input, now);
  await db.insert(users).values(row);
  return user;
}

/** The row of a new account, once its email is known to be free; the caller inserts it (alone or in a batch). */
export async function newUserRow(db: Db, input: NewUser, now: number) {
  // Every way in (API, CLI, the environment's first admin) ends here: the policy holds for all.
  const rule = passwordRule.safeParse(input.password);
  if (!rule.success) throw new DomainError('weak_password', `password: ${rule.error.issues[0]!.message}`, { field: 'password' });
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new DomainError('email_taken', `A user with email ${email} already exists`);
  const row = { id: newId(), email, name: input.name.normalize('NFC'), role: input.role, passwordHash: await hashPassword(input.password), createdAt: new Date(now) };
  return { row, user: { id: row.id, email, name: row.name, role: row.role } };
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** Creates the first admin from configuration, only while the database has no user at all. */
export async function ensureFirstAdmin(db: Db, admin: { email: string; password: string } | undefined, now: number) {
  if (!admin || (await countUsers(db)) > 0) return null;
  return addUser(db, { email: admin.email, name: 'Admin', password: admin.password, role: 'admin' }, now);
}
