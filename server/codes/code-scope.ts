import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { codes } from '../db/schema';
import type { CodeRow } from './code-view';

/** What a code opens: a whole meeting (sessionId null) or one session of it. */
export interface Scope {
  meetingId: string;
  sessionId: string | null;
}

const scopeFilter = (scope: Scope) =>
  and(eq(codes.meetingId, scope.meetingId), scope.sessionId ? eq(codes.sessionId, scope.sessionId) : isNull(codes.sessionId), eq(codes.status, 'active'));

/** The scope's active codes, oldest first (the plain code, then its labelled variants). */
export async function listScopeCodes(db: Db, scope: Scope): Promise<CodeRow[]> {
  return db.select().from(codes).where(scopeFilter(scope)).orderBy(asc(codes.createdAt));
}
