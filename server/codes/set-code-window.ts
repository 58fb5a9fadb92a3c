import { eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { codes } from '../db/schema';
import { DomainError } from '../domain-error';
import { checkWindowOrder } from './check-window-order';
import type { CodeRow } from './code-view';

export interface WindowChange {
  opensAt?: string | null;
  closesAt?: string | null;
}

/**
 * Sets a code's own viewing window (within the meeting's: the delegate sees the later
 * start and the earlier end), with the audit row, in one batch. A patch may move one end:
 * the window it leaves with the stored other end must be in order (400 naming closesAt).
 */
export async function setCodeWindow(db: Db, user: SessionUser, code: CodeRow, change: WindowChange, now: number): Promise<CodeRow> {
  if (code.status !== 'active') throw new DomainError('code_inactive', 'This code was already rotated or revoked');
  const opensAt = change.opensAt !== undefined ? (change.opensAt ? new Date(change.opensAt) : null) : code.opensAt;
  const closesAt = change.closesAt !== undefined ? (change.closesAt ? new Date(change.closesAt) : null) : code.closesAt;
  checkWindowOrder(opensAt, closesAt);
  await runBatch(db, [
    db.update(codes).set({ opensAt, closesAt }).where(eq(codes.id, code.id)),
    auditStatement(db, { userId: user.id, meetingId: code.meetingId, action: 'code.window', target: code.id, detail: { opensAt: opensAt?.toISOString() ?? null, closesAt: closesAt?.toISOString() ?? null } }, now),
  ]);
  return { ...code, opensAt, closesAt };
}
