import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { MeetingReportFigures, ReportRow } from '../../shared/api-contract';
import type { Db } from '../db/database';
import { accessEvents, codes, documentVersions, documents, meetings, renditions, sessionDocuments, sessions } from '../db/schema';
import { humanEventsOf } from './access-timeline';
import { eventScope } from './event-scope';

const n = (value: unknown) => Number(value ?? 0);
// Page views, devices that opened the page, opens of a document (original or reader), devices that opened one, the meeting book.
const views = sql<number>`sum(case when ${accessEvents.kind} = 'view' then 1 else 0 end)`;
const pageDevices = sql<number>`count(distinct case when ${accessEvents.kind} = 'view' then ${accessEvents.deviceId} end)`;
const opens = sql<number>`sum(case when ${accessEvents.kind} in ('open', 'read') then 1 else 0 end)`;
const openDevices = sql<number>`count(distinct case when ${accessEvents.kind} in ('open', 'read') then ${accessEvents.deviceId} end)`;
const bookOpens = sql<number>`sum(case when ${accessEvents.kind} = 'book' then 1 else 0 end)`;
const bookDevices = sql<number>`count(distinct case when ${accessEvents.kind} = 'book' then ${accessEvents.deviceId} end)`;
const anyDevices = sql<number>`count(distinct ${accessEvents.deviceId})`;

const coverageOf = (devices: number, expected: number | null) => (expected ? Math.round((devices / expected) * 1000) / 1000 : null);

/**
 * The report for people who report upward: per session (through its codes) and for the
 * meeting code, devices that opened the page and that opened at least one document,
 * coverage against the expected delegates, opens of the meeting book; and the paper:
 * pages of the released documents × expected delegates, and apart from it, the pages of
 * the documents each device opened. Devices are the first-party device cookie (one phone,
 * one device); bots are left out. Page counts come from the version's own count (PDFs,
 * counted in the background) or its phone rendition (PDFs and Office files): documents
 * whose pages are not known yet are counted and named, never guessed.
 */
export async function meetingReport(db: Db, meetingId: string, now: number): Promise<MeetingReportFigures> {
  const human = humanEventsOf(meetingId);
  const [[meeting], allSessions, scopeRows, [totals], docRows, openedRows] = await Promise.all([
    db.select().from(meetings).where(eq(meetings.id, meetingId)),
    db.select({ id: sessions.id, title: sessions.title }).from(sessions).where(eq(sessions.meetingId, meetingId)).orderBy(asc(sessions.position), asc(sessions.createdAt)),
    db.select({ scope: eventScope, views, pageDevices, opens, openDevices, bookOpens, bookDevices })
      .from(accessEvents).leftJoin(codes, eq(codes.id, accessEvents.codeId)).where(human).groupBy(eventScope),
    db.select({ views, pageDevices, opens, openDevices, bookOpens, bookDevices, devices: anyDevices }).from(accessEvents).where(human),
    // Documents on the agenda with their current version's page count.
    db.selectDistinct({ id: documents.id, title: documents.title, confidential: documents.confidential, releaseAt: documents.releaseAt, pages: sql<number | null>`coalesce(${documentVersions.pageCount}, ${renditions.sourcePages})` })
      .from(documents)
      .innerJoin(sessionDocuments, eq(sessionDocuments.documentId, documents.id))
      .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
      .leftJoin(renditions, and(eq(renditions.documentId, documents.id), eq(renditions.version, documents.currentVersion)))
      .where(eq(documents.meetingId, meetingId))
      .orderBy(asc(documents.createdAt)),
    // Devices that opened each document (original or reader).
    db.select({ documentId: accessEvents.documentId, devices: anyDevices }).from(accessEvents)
      .where(and(human, inArray(accessEvents.kind, ['open', 'read']))).groupBy(accessEvents.documentId),
  ]);
  const expected = meeting?.expectedDelegates ?? null;

  const rowOf = (scope: string | null, title: string | null): ReportRow => {
    const r = scopeRows.find((x) => x.scope === scope);
    const row = { views: n(r?.views), pageDevices: n(r?.pageDevices), opens: n(r?.opens), openDevices: n(r?.openDevices), bookOpens: n(r?.bookOpens), bookDevices: n(r?.bookDevices) };
    return { sessionId: scope, title, ...row, coverage: coverageOf(row.openDevices, expected) };
  };
  const known = new Set(allSessions.map((s) => s.id));
  const perSession = [
    ...allSessions.map((s) => rowOf(s.id, s.title)),
    rowOf(null, null),
    // Sessions deleted since: their figures stay, under "(deleted)".
    ...scopeRows.filter((r) => r.scope !== null && !known.has(r.scope)).map((r) => rowOf(r.scope, '(deleted)')),
  ];

  // Released: on the agenda of a published meeting, not confidential, release time passed.
  const published = meeting?.status !== 'draft';
  const released = published ? docRows.filter((d) => !d.confidential && (!d.releaseAt || d.releaseAt.getTime() <= now)) : [];
  const opened = new Map(openedRows.map((r) => [r.documentId, n(r.devices)]));
  const withPages = released.filter((d) => d.pages !== null);
  const releasedPages = withPages.reduce((sum, d) => sum + n(d.pages), 0);
  const openedPages = withPages.reduce((sum, d) => sum + n(d.pages) * (opened.get(d.id) ?? 0), 0);

  const t = totals!; // an aggregate without GROUP BY always gives its one row
  const openDevicesTotal = n(t.openDevices);
  return {
    expectedDelegates: expected,
    totals: {
      devices: n(t.devices), views: n(t.views), pageDevices: n(t.pageDevices),
      opens: n(t.opens), openDevices: openDevicesTotal,
      bookOpens: n(t.bookOpens), bookDevices: n(t.bookDevices),
      coverage: coverageOf(openDevicesTotal, expected),
    },
    perSession,
    paper: {
      releasedDocuments: released.length,
      releasedPages,
      pagesUnknown: released.filter((d) => d.pages === null).map((d) => d.title),
      /** Pages a paper meeting would have printed: every released page for every expected delegate. */
      printedPagesAvoided: expected === null ? null : releasedPages * expected,
      /** Pages of the documents opened digitally: each document's pages once per device that opened it. */
      openedPages,
    },
    /**
     * A scan of a printed code and a forwarded link are the same URL: a marker printed in the code
     * stays in a forwarded link, and neither a Zalo in-app browser nor a phone camera sends a Referer.
     * The report does not claim to tell them apart.
     */
    scansVersusLinks: 'not_distinguishable',
  };
}
