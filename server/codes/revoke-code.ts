import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { revokeStatement } from './code-statements';
import type { CodeRow } from './code-view';

/** Ends a code at once (its prints lead to the "not valid" page), with the audit row, in one batch. */
export async function revokeCode(db: Db, user: SessionUser, code: CodeRow, now: number): Promise<void> {
  await runBatch(db, [revokeStatement(db, code.id, now), auditStatement(db, { userId: user.id, meetingId: code.meetingId, action: 'code.revoke', target: code.id }, now)]);
}
