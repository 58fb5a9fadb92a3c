import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { codes, printedSheets } from '../db/schema';

export interface StaleSheets {
  /** Sheets printed with another base URL that still carry at least one affected code. */
  sheets: number;
  /** Active codes printed only with another base URL since: their paper leads nowhere now. */
  codes: number;
  /** The other base URLs those sheets carry. */
  printedWith: string[];
  meetingIds: string[];
}

/**
 * Sheets whose codes encode a base URL other than the current one. A code counts once,
 * and not at all when it was printed again with the current base URL later (the new
 * paper replaces the old) or is no longer active (it stopped working for another reason).
 */
export async function findStaleSheets(db: Db, currentBaseUrl: string, meetingId?: string): Promise<StaleSheets> {
  const rows = await db.select().from(printedSheets).where(meetingId ? eq(printedSheets.meetingId, meetingId) : undefined);
  const reprintedAt = new Map<string, number>();
  for (const row of rows) {
    if (row.baseUrl !== currentBaseUrl) continue;
    for (const id of JSON.parse(row.codeIds) as string[]) reprintedAt.set(id, Math.max(reprintedAt.get(id) ?? 0, row.printedAt.getTime()));
  }
  const candidates = rows.filter((r) => r.baseUrl !== currentBaseUrl).map((r) => ({ row: r, ids: JSON.parse(r.codeIds) as string[] }));
  const allIds = [...new Set(candidates.flatMap((c) => c.ids))];
  const active = new Set<string>();
  // 100 ids a query: D1 takes at most 100 bound parameters.
  for (let i = 0; i < allIds.length; i += 90) {
    const part = allIds.slice(i, i + 90);
    for (const r of await db.select({ id: codes.id }).from(codes).where(and(inArray(codes.id, part), eq(codes.status, 'active')))) active.add(r.id);
  }
  const affected = new Set<string>();
  const sheetIds = new Set<string>();
  const printedWith = new Set<string>();
  const meetingIds = new Set<string>();
  for (const { row, ids } of candidates) {
    const broken = ids.filter((id) => active.has(id) && (reprintedAt.get(id) ?? 0) < row.printedAt.getTime());
    if (!broken.length) continue;
    for (const id of broken) affected.add(id);
    sheetIds.add(row.id);
    printedWith.add(row.baseUrl);
    meetingIds.add(row.meetingId);
  }
  return { sheets: sheetIds.size, codes: affected.size, printedWith: [...printedWith], meetingIds: [...meetingIds] };
}
