import type { Db } from '../db/database';
import { printedSheets } from '../db/schema';
import { newId } from '../ids';

/** Remembers a sheet handed out: which codes, encoding which base URL, when and by whom. */
export async function recordPrintedSheet(db: Db, sheet: { meetingId: string; baseUrl: string; layout: string; codeIds: string[]; userId: string | null }, now: number) {
  await db.insert(printedSheets).values({
    id: newId(),
    meetingId: sheet.meetingId,
    printedAt: new Date(now),
    baseUrl: sheet.baseUrl,
    layout: sheet.layout,
    codeIds: JSON.stringify(sheet.codeIds),
    userId: sheet.userId,
  });
}
