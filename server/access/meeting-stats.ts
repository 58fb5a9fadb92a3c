import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { LabelFigures, MeetingStatsFigures } from '../../shared/api-contract';
import type { Db } from '../db/database';
import { accessEvents, codes, documentSignatures, documents, meetings, sessions } from '../db/schema';
import { eventScope } from './event-scope';
import { accessTimeline, humanEventsOf } from './access-timeline';
import type { SignatureStatusCode } from '../../shared/api-contract';

const views = sql<number>`sum(case when ${accessEvents.kind} = 'view' then 1 else 0 end)`;
// An open is the original (inline or downloaded) or the phone reader ('read'): either way the delegate opened the document.
const opens = sql<number>`sum(case when ${accessEvents.kind} in ('open', 'read') then 1 else 0 end)`;
const devices = sql<number>`count(distinct ${accessEvents.deviceId})`;
const openDevices = sql<number>`count(distinct case when ${accessEvents.kind} in ('open', 'read') then ${accessEvents.deviceId} end)`;
const reads = sql<number>`sum(case when ${accessEvents.kind} = 'read' then 1 else 0 end)`;

export type { LabelFigures } from '../../shared/api-contract';

const n = (value: unknown) => Number(value ?? 0);

/** Devices that scrolled the reader, how far on average, and the furthest page any of them reached. */
function readDepth(furthest: number[]) {
  if (!furthest.length) return null;
  return { devices: furthest.length, averagePage: Math.round((furthest.reduce((a, b) => a + b, 0) / furthest.length) * 10) / 10, furthestPage: Math.max(...furthest) };
}
const figures = (r: { views: unknown; opens: unknown; devices: unknown; openDevices: unknown }) =>
  ({ views: n(r.views), opens: n(r.opens), devices: n(r.devices), openDevices: n(r.openDevices) });

/**
 * The organizer's figures for a meeting. Delegates only: bots are counted apart
 * (prefetches and HEAD requests were never recorded). Devices are the first-party
 * device cookie, so one hall Wi-Fi address still counts every phone. Every figure
 * is also given per label (code variant).
 */
export async function meetingStats(db: Db, meetingId: string): Promise<MeetingStatsFigures> {
  const human = humanEventsOf(meetingId);
  const opened = and(human, inArray(accessEvents.kind, ['open', 'read']));
  const pageFetched = and(human, eq(accessEvents.kind, 'page'));

  const [[meeting], [totals], [bots], perLabelRows, sessionRows, sessionLabelRows, docRows, docLabelRows, allSessions, allDocuments, depthRows] = await Promise.all([
    db.select({ timezone: meetings.timezone }).from(meetings).where(eq(meetings.id, meetingId)),
    db.select({ views, opens, devices, openDevices, documentsOpened: sql<number>`count(distinct ${accessEvents.documentId})`, first: sql<number | null>`min(${accessEvents.at})`, last: sql<number | null>`max(${accessEvents.at})` })
      .from(accessEvents).where(human),
    db.select({ n: count() }).from(accessEvents).where(and(eq(accessEvents.meetingId, meetingId), eq(accessEvents.isBot, true))),
    db.select({ label: accessEvents.label, views, opens, devices, openDevices }).from(accessEvents).where(human).groupBy(accessEvents.label).orderBy(asc(accessEvents.label)),
    // Rows by the code's scope (event-scope.ts): views and opens through one code count on one row.
    db.select({ sessionId: eventScope, views, opens, devices, openDevices }).from(accessEvents).leftJoin(codes, eq(codes.id, accessEvents.codeId)).where(human).groupBy(eventScope),
    db.select({ sessionId: eventScope, label: accessEvents.label, views, opens, devices, openDevices }).from(accessEvents).leftJoin(codes, eq(codes.id, accessEvents.codeId)).where(human).groupBy(eventScope, accessEvents.label).orderBy(asc(accessEvents.label)),
    db.select({ documentId: accessEvents.documentId, opens: count(), reads, devices }).from(accessEvents).where(opened).groupBy(accessEvents.documentId),
    db.select({ documentId: accessEvents.documentId, label: accessEvents.label, opens: count(), devices }).from(accessEvents).where(opened).groupBy(accessEvents.documentId, accessEvents.label).orderBy(asc(accessEvents.label)),
    db.select({ id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt }).from(sessions).where(eq(sessions.meetingId, meetingId)).orderBy(asc(sessions.position), asc(sessions.createdAt)),
    db.select({ id: documents.id, title: documents.title, signature: documentSignatures.status }).from(documents)
      .leftJoin(documentSignatures, and(eq(documentSignatures.documentId, documents.id), eq(documentSignatures.version, documents.currentVersion)))
      .where(eq(documents.meetingId, meetingId)).orderBy(asc(documents.createdAt)),
    // Reading depth: the furthest reader page each device's browser fetched, per document.
    db.select({ documentId: accessEvents.documentId, furthest: max(accessEvents.page) }).from(accessEvents).where(pageFetched).groupBy(accessEvents.documentId, accessEvents.deviceId),
  ]);

  // Per session (through its codes): every agenda item (zeros included), then the meeting code's views and opens (session null), then deleted sessions.
  const sessionTitles = new Map(allSessions.map((s) => [s.id, s.title]));
  const sessionIds: (string | null)[] = [...allSessions.map((s) => s.id), ...sessionRows.map((r) => r.sessionId).filter((id) => id === null || !sessionTitles.has(id))];
  const perSession = sessionIds.map((sessionId) => {
    const row = sessionRows.find((r) => r.sessionId === sessionId);
    return {
      sessionId,
      title: sessionId === null ? null : (sessionTitles.get(sessionId) ?? '(deleted)'),
      ...figures(row ?? { views: 0, opens: 0, devices: 0, openDevices: 0 }),
      byLabel: sessionLabelRows.filter((r) => r.sessionId === sessionId).map((r): LabelFigures => ({ label: r.label, ...figures(r) })),
    };
  });

  // Per document: every document of the meeting, most opened first; deleted ones that were opened keep their figures.
  const docTitles = new Map(allDocuments.map((d) => [d.id, d.title]));
  const docSignatures = new Map(allDocuments.map((d) => [d.id, d.signature]));
  const docIds = [...allDocuments.map((d) => d.id), ...docRows.map((r) => r.documentId).filter((id): id is string => id !== null && !docTitles.has(id))];
  const perDocument = docIds.map((documentId) => {
    const row = docRows.find((r) => r.documentId === documentId);
    return {
      documentId,
      title: docTitles.get(documentId) ?? '(deleted)',
      /** The current version's signature status (null: not a PDF, or not checked yet). */
      signature: (docSignatures.get(documentId) ?? null) as SignatureStatusCode | null,
      opens: n(row?.opens),
      /** Of those, opens of the phone reader. */
      reads: n(row?.reads),
      devices: n(row?.devices),
      readDepth: readDepth(depthRows.filter((r) => r.documentId === documentId).map((r) => n(r.furthest))),
      byLabel: docLabelRows.filter((r) => r.documentId === documentId).map((r) => ({ label: r.label, opens: n(r.opens), devices: n(r.devices) })),
    };
  }).sort((a, b) => b.opens - a.opens || b.devices - a.devices);

  const perLabel = perLabelRows.map((r) => {
    const f = figures(r);
    return { label: r.label, ...f, rate: f.devices ? f.openDevices / f.devices : 0 };
  });

  // The timeline spans the meeting's activity and its schedule, in buckets suited to that length.
  const times = [totals?.first, totals?.last, ...allSessions.flatMap((s) => [s.startsAt?.getTime(), s.endsAt?.getTime()])].filter((t): t is number => t != null).map(Number);
  const timeline = totals?.first == null
    ? { bucketMs: 60_000, timezone: meeting?.timezone ?? 'Asia/Ho_Chi_Minh', from: null, to: null, points: [] }
    : await accessTimeline(db, human, { from: Math.min(...times), to: Math.max(...times), timezone: meeting?.timezone ?? 'Asia/Ho_Chi_Minh' });

  const t = figures(totals ?? { views: 0, opens: 0, devices: 0, openDevices: 0 });
  return {
    totals: { ...t, documentsOpened: n(totals?.documentsOpened), bots: n(bots?.n) },
    funnel: { scanned: t.devices, opened: t.openDevices, rate: t.devices ? t.openDevices / t.devices : 0 },
    perSession,
    perDocument,
    perLabel,
    timeline,
  };
}
