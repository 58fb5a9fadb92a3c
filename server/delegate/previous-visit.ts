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

/** A device's visits to a meeting as the access log has them, seen from `now`. */
export interface DeviceVisits {
  /** Its newest recorded view (ms), or null when none is recorded. */
  lastView: number | null;
  /** The end of the visit before the one `now` belongs to, or null (its first visit). */
  previousEnd: number | null;
}

/**
 * A device's visits to the meeting from the access log: the device cookie's id and the views
 * already recorded, nothing new kept about anyone. The current visit's newest views may
 * still be in the recorder's batch: they would only extend the current visit, so
 * `previousEnd` is the same.
 */
export async function deviceVisits(db: Db, meetingId: string, deviceId: string, now: number): Promise<DeviceVisits> {
  const rows = await db
    .select({ at: accessEvents.at })
    .from(accessEvents)
    .where(and(eq(accessEvents.meetingId, meetingId), eq(accessEvents.deviceId, deviceId), eq(accessEvents.kind, 'view'), lt(accessEvents.at, new Date(now + 1))))
    .orderBy(desc(accessEvents.at))
    .limit(LOOK_BACK_VIEWS);
  const lastView = rows[0]?.at.getTime() ?? null;
  let visitStart = now;
  for (const { at } of rows) {
    const t = at.getTime();
    if (visitStart - t > VISIT_GAP_MS) return { lastView, previousEnd: t };
    visitStart = t;
  }
  return { lastView, previousEnd: null };
}

/** The end of this device's previous visit to the meeting (its last view before the current visit began); null: its first visit. */
export async function previousVisitEnd(db: Db, meetingId: string, deviceId: string, now: number): Promise<number | null> {
  return (await deviceVisits(db, meetingId, deviceId, now)).previousEnd;
}
