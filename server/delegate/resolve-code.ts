import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { codes, meetings, sessions } from '../db/schema';
import { TOKEN_SHAPE } from './delegate-url';

/** The active code behind a printed token, with its meeting and (for a session code) its session. */
export async function resolveCode(db: Db, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null; // refused before touching the database
  const [row] = await db
    .select({ code: codes, meeting: meetings })
    .from(codes)
    .innerJoin(meetings, eq(meetings.id, codes.meetingId))
    .where(and(eq(codes.token, token), eq(codes.status, 'active')));
  if (!row) return null;
  const session = row.code.sessionId
    ? (await db.select().from(sessions).where(eq(sessions.id, row.code.sessionId)))[0] ?? null
    : null;
  return { ...row, session };
}

export type ResolvedCode = NonNullable<Awaited<ReturnType<typeof resolveCode>>>;
