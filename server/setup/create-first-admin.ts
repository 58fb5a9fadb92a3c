import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from '../db/schema';
import { DomainError } from '../domain-error';
import { newId } from '../ids';
import { hashPassword } from '../auth/password';

/**
 * The first administrator, created only while no user exists. The check and the insert are
 * one statement (insert … where not exists), so two set-up screens submitted at once cannot
 * both create an admin: the loser finds the table taken and gets 409 `setup_done`.
 */
export async function createFirstAdmin(db: Db, input: { email: string; name: string; password: string }, now: number) {
  const id = newId();
  const email = input.email.trim().toLowerCase();
  const name = input.name.normalize('NFC');
  const hash = await hashPassword(input.password);
  await db.run(sql`insert into ${users} (id, email, name, password_hash, role, created_at)
    select ${id}, ${email}, ${name}, ${hash}, 'admin', ${now} where not exists (select 1 from ${users})`);
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id));
  if (!row) throw new DomainError('setup_done', 'An administrator already exists; log in instead');
  return { id, email, name, role: 'admin' as const };
}
