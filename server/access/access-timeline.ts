import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Timeline, TimelinePoint } from '../../shared/api-contract';
import type { Db } from '../db/database';
import { accessEvents } from '../db/schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Bucket sizes a chart reads well: a one-hour session by the minute, a two-day conference by the hour. */
export const BUCKET_SIZES = [MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY];
export const MAX_POINTS = 60;

/**
 * The smallest bucket that shows `spanMs` in at most MAX_POINTS points. Past the largest size
 * (a span of years: dates stored before they were bounded, or events kept for a long time),
 * whole days sized so the points still fit: the work stays bounded whatever the span.
 */
export function chooseBucket(spanMs: number): number {
  return BUCKET_SIZES.find((b) => Math.floor(spanMs / b) + 1 <= MAX_POINTS) ?? Math.ceil(spanMs / (MAX_POINTS - 2) / DAY) * DAY;
}

/** The timezone's offset from UTC at `at`, in ms (Asia/Ho_Chi_Minh: +7 h), so day buckets start at local midnight. */
export function timezoneOffsetMs(timezone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3] ?? 0) * MINUTE);
}

export type { TimelinePoint } from '../../shared/api-contract';

/**
 * Views, opens and active devices per bucket, from `from` to `to` (the meeting's
 * activity and schedule), empty buckets included so a chart's axis is even.
 */
export async function accessTimeline(db: Db, where: SQL, range: { from: number; to: number; timezone: string }): Promise<Timeline> {
  const bucketMs = chooseBucket(range.to - range.from);
  const offset = timezoneOffsetMs(range.timezone, range.from);
  const bucket = sql<number>`cast((${accessEvents.at} + ${offset}) / ${bucketMs} as integer) * ${bucketMs} - ${offset}`;
  const views = sql<number>`sum(case when ${accessEvents.kind} = 'view' then 1 else 0 end)`;
  const opens = sql<number>`sum(case when ${accessEvents.kind} in ('open', 'read') then 1 else 0 end)`;
  const [rows, labelled] = await Promise.all([
    db.select({ bucket, views, opens, devices: sql<number>`count(distinct ${accessEvents.deviceId})` }).from(accessEvents).where(where).groupBy(sql`1`),
    db.select({ bucket, label: accessEvents.label, views, opens }).from(accessEvents).where(where).groupBy(sql`1`, sql`2`),
  ]);
  const first = Math.floor((range.from + offset) / bucketMs) * bucketMs - offset;
  const points = new Map<number, TimelinePoint>();
  for (let at = first; at <= range.to && points.size <= MAX_POINTS; at += bucketMs) points.set(at, { at: new Date(at).toISOString(), views: 0, opens: 0, devices: 0, byLabel: [] });
  for (const r of rows) {
    const point = points.get(Number(r.bucket));
    if (point) Object.assign(point, { views: Number(r.views), opens: Number(r.opens), devices: Number(r.devices) });
  }
  for (const r of labelled) points.get(Number(r.bucket))?.byLabel.push({ label: r.label, views: Number(r.views), opens: Number(r.opens) });
  return { bucketMs, timezone: range.timezone, from: new Date(first).toISOString(), to: new Date(range.to).toISOString(), points: [...points.values()] };
}

export const humanEventsOf = (meetingId: string) => and(eq(accessEvents.meetingId, meetingId), eq(accessEvents.isBot, false))!;
