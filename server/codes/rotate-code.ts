import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { DomainError } from '../domain-error';
import { rotateStatements } from './code-statements';
import type { CodeRow } from './code-view';

/**
 * Replaces a code by a fresh token with the same scope and label, with the audit row,
 * in one batch: the old prints stop working at once. Returns the new code.
 */
export async function rotateCode(db: Db, user: SessionUser, code: CodeRow, now: number): Promise<CodeRow> {
  if (code.status !== 'active') throw new DomainError('code_inactive', 'This code was already rotated or revoked');
  const next = rotateStatements(db, code, now);
  await runBatch(db, [...next.statements, auditStatement(db, { userId: user.id, meetingId: code.meetingId, action: 'code.rotate', target: code.id, detail: { newCodeId: next.row.id } }, now)]);
  return next.row;
}
