import type { Db } from '../db/database';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  userId: string;
  meetingId?: string | null;
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
}

/** The insert for one organizer action, to run alone or inside the batch of the change it describes. */
export const auditStatement = (db: Db, entry: AuditEntry, now: number) =>
  db.insert(auditLog).values({
    at: new Date(now),
    userId: entry.userId,
    meetingId: entry.meetingId ?? null,
    action: entry.action,
    target: entry.target ?? '',
    detail: JSON.stringify(entry.detail ?? {}),
  });

export async function recordAudit(db: Db, entry: AuditEntry, now: number): Promise<void> {
  await auditStatement(db, entry, now);
}
