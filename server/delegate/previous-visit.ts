import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accessEvents } from '../db/schema';

/**
 * Views of one device closer together than this belong to one visit: the page's own reloads,
 * going back from a document, the list refreshed a few minutes later. A visit's badges stay
 * for the whole visit and are gone at the next one.
 */
export const VISIT_GAP_MS = 30 * 60_000;
/** How far back the visit is looked for: a device's views of one meeting, newest first. */
const LOOK_BACK_VIEWS = 200;

/**
 * The end of this device's previous visit to the meeting (its last view before the current
 * visit began), from the access log: the device cookie's id and the views already recorded,
 * nothing new kept about anyone. null: the device's first visit (nothing to compare with).
 * The current visit's newest views may still be in the recorder's batch: they would only
 * extend the current visit, so the answer is the same.
 */
export async function previousVisitEnd(db: Db, meetingId: string, deviceId: string, now: number): Promise<number | null> {
  const rows = await db
    .select({ at: accessEvents.at })
    .from(accessEvents)
    .where(and(eq(accessEvents.meetingId, meetingId), eq(accessEvents.deviceId, deviceId), eq(accessEvents.kind, 'view'), lt(accessEvents.at, new Date(now + 1))))
    .orderBy(desc(accessEvents.at))
    .limit(LOOK_BACK_VIEWS);
  let visitStart = now;
  for (const { at } of rows) {
    const t = at.getTime();
    if (visitStart - t > VISIT_GAP_MS) return t;
    visitStart = t;
  }
  return null;
}
