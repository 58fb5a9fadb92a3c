import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { codes } from '../db/schema';
import { newId, newToken } from '../ids';
import type { CodeRow } from './code-view';

export interface CodeScope {
  meetingId: string;
  sessionId: string | null;
  label: string | null;
  /** The viewing window a rotated code keeps. */
  opensAt?: Date | null;
  closesAt?: Date | null;
}

/** A new active code row and the insert that stores it (to run inside a batch). */
export function newCode(db: Db, scope: CodeScope, now: number) {
  const row: CodeRow = {
    id: newId(),
    meetingId: scope.meetingId,
    sessionId: scope.sessionId,
    label: scope.label,
    token: newToken(),
    status: 'active',
    replacedBy: null,
    createdAt: new Date(now),
    endedAt: null,
    opensAt: scope.opensAt ?? null,
    closesAt: scope.closesAt ?? null,
  };
  return { row, statement: db.insert(codes).values(row) };
}

/** Replaces a code by a fresh token with the same scope and label; the old prints stop working at once. */
export function rotateStatements(db: Db, code: CodeRow, now: number) {
  const next = newCode(db, { meetingId: code.meetingId, sessionId: code.sessionId, label: code.label, opensAt: code.opensAt, closesAt: code.closesAt }, now);
  const retire = db
    .update(codes)
    .set({ status: 'rotated', replacedBy: next.row.id, endedAt: new Date(now) })
    .where(and(eq(codes.id, code.id), eq(codes.status, 'active')));
  return { row: next.row, statements: [retire, next.statement] };
}

export const revokeStatement = (db: Db, codeId: string, now: number) =>
  db.update(codes).set({ status: 'revoked', endedAt: new Date(now) }).where(and(eq(codes.id, codeId), eq(codes.status, 'active')));
