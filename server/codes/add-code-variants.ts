import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { invalid } from '../domain-error';
import { newCode } from './code-statements';
import { listScopeCodes, type Scope } from './code-scope';
import type { CodeRow } from './code-view';

/** Labels compare as people read them: "bàn 1", "Bàn  1" and an NFD "Bàn 1" are one table. */
export const labelKey = (label: string) => label.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * Adds one labelled code per label ("Bàn 1"…"Bàn 20") to a scope, with the audit row, in one
 * batch, and returns the codes made. A label the scope already has (or that repeats) is kept,
 * not made twice: "Tạo 5 mã" clicked twice still gives one "Bàn 1" (two codes for one table
 * would split its counts and its paper).
 */
export async function addCodeVariants(db: Db, user: SessionUser, scope: Scope, labels: string[], now: number): Promise<CodeRow[]> {
  if (labels.length === 0) throw invalid('label: give a label (or labels) for the new code variant', { field: 'label' });
  const existing = new Set((await listScopeCodes(db, scope)).map((c) => labelKey(c.label ?? '')));
  const fresh = [...new Map(labels.map((label) => [labelKey(label), label])).entries()].filter(([key]) => !existing.has(key)).map(([, label]) => label);
  if (fresh.length === 0) return [];
  const created = fresh.map((label) => newCode(db, { ...scope, label }, now));
  await runBatch(db, [
    ...created.map((x) => x.statement),
    auditStatement(db, { userId: user.id, meetingId: scope.meetingId, action: 'code.create', target: scope.sessionId ?? scope.meetingId, detail: { labels: fresh } }, now),
  ]);
  return created.map((x) => x.row);
}
