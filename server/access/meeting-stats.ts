import { and, asc, count, countDistinct, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accessEvents, documents, sessions } from '../db/schema';

const MINUTE = 60_000;
// Bucket sizes for the timeline, picked so a meeting's span gives at most ~60 points.
const BUCKETS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 6 * 60 * MINUTE, 24 * 60 * MINUTE];

/** Aggregate figures for a meeting. Bots are counted apart, never as delegates. */
export async function meetingStats(db: Db, meetingId: string) {
  const human = and(eq(accessEvents.meetingId, meetingId), eq(accessEvents.isBot, false));
  const views = sql<number>`sum(case when ${accessEvents.kind} = 'view' then 1 else 0 end)`;
  const opens = sql<number>`sum(case when ${accessEvents.kind} = 'open' then 1 else 0 end)`;
  const openDevices = sql<number>`count(distinct case when ${accessEvents.kind} = 'open' then ${accessEvents.deviceId} end)`;

  const [totals] = await db.select({ views, opens, devices: countDistinct(accessEvents.deviceId), openDevices, first: sql<number | null>`min(${accessEvents.at})`, last: sql<number | null>`max(${accessEvents.at})` }).from(accessEvents).where(human);
  const [bots] = await db.select({ n: count() }).from(accessEvents).where(and(eq(accessEvents.meetingId, meetingId), eq(accessEvents.isBot, true)));

  const perDocument = await db
    .select({ documentId: accessEvents.documentId, title: documents.title, opens: count(), devices: countDistinct(accessEvents.deviceId) })
    .from(accessEvents).leftJoin(documents, eq(documents.id, accessEvents.documentId))
    .where(and(human, eq(accessEvents.kind, 'open'))).groupBy(accessEvents.documentId).orderBy(sql`count(*) desc`);

  const perSession = await db
    .select({ sessionId: accessEvents.sessionId, title: sessions.title, views, opens, devices: countDistinct(accessEvents.deviceId) })
    .from(accessEvents).leftJoin(sessions, eq(sessions.id, accessEvents.sessionId))
    .where(human).groupBy(accessEvents.sessionId).orderBy(asc(sessions.position));

  const perLabel = await db
    .select({ label: accessEvents.label, views, opens, devices: countDistinct(accessEvents.deviceId) })
    .from(accessEvents).where(human).groupBy(accessEvents.label).orderBy(asc(accessEvents.label));

  const first = Number(totals?.first ?? 0);
  const span = Number(totals?.last ?? 0) - first;
  const bucketMs = BUCKETS.find((b) => span / b <= 60) ?? BUCKETS[BUCKETS.length - 1]!;
  const timelineRows = totals?.first == null ? [] : await db
    .select({ bucket: sql<number>`(${accessEvents.at} / ${bucketMs}) * ${bucketMs}`, views, opens })
    .from(accessEvents).where(human).groupBy(sql`1`).orderBy(sql`1`);

  const devices = totals?.devices ?? 0;
  const devicesThatOpened = Number(totals?.openDevices ?? 0);
  return {
    totals: { views: Number(totals?.views ?? 0), opens: Number(totals?.opens ?? 0), devices, bots: bots?.n ?? 0 },
    funnel: { scanned: devices, opened: devicesThatOpened, rate: devices ? devicesThatOpened / devices : 0 },
    perDocument: perDocument.map((d) => ({ ...d, title: d.title ?? '(deleted)' })),
    perSession: perSession.map((s) => ({ ...s, title: s.title ?? (s.sessionId ? '(deleted)' : null), views: Number(s.views), opens: Number(s.opens) })),
    perLabel: perLabel.map((l) => ({ ...l, views: Number(l.views), opens: Number(l.opens) })),
    timeline: { bucketMs, points: timelineRows.map((r) => ({ at: new Date(Number(r.bucket)).toISOString(), views: Number(r.views), opens: Number(r.opens) })) },
  };
}
