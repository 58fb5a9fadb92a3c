import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { invalid } from '../domain-error';
import { newCode } from './code-statements';
import type { Scope } from './code-scope';
import type { CodeRow } from './code-view';

/** Adds one labelled code per label ("Bàn 1"…"Bàn 20") to a scope, with the audit row, in one batch. */
export async function addCodeVariants(db: Db, user: SessionUser, scope: Scope, labels: string[], now: number): Promise<CodeRow[]> {
  if (labels.length === 0) throw invalid('label: give a label (or labels) for the new code variant', { field: 'label' });
  const created = labels.map((label) => newCode(db, { ...scope, label }, now));
  await runBatch(db, [
    ...created.map((x) => x.statement),
    auditStatement(db, { userId: user.id, meetingId: scope.meetingId, action: 'code.create', target: scope.sessionId ?? scope.meetingId, detail: { labels } }, now),
  ]);
  return created.map((x) => x.row);
}
