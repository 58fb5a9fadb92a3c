import { asc, eq } from 'drizzle-orm';
import type { SessionUser } from '../../../auth/login-sessions';
import type { Db } from '../../../db/database';
import { users } from '../../../db/schema';

/** The account a CLI action is recorded under: --as EMAIL, or the oldest admin. */
export async function cliUser(db: Db, email?: string): Promise<SessionUser> {
  const [user] = email
    ? await db.select().from(users).where(eq(users.email, email.toLowerCase()))
    : await db.select().from(users).where(eq(users.role, 'admin')).orderBy(asc(users.createdAt)).limit(1);
  if (!user) throw new Error(email ? `no user ${email}` : 'no admin exists yet: create one with `qrhop user add --admin`');
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
