import { and, eq, inArray } from 'drizzle-orm';
import { inSlices, type Db } from '../db/database';
import { documentSignatures, meetings, renditionPages, sessions } from '../db/schema';
import { buildPageModel, type PageModel, type PageSession } from '../delegate/page-model';
import type { ResolvedCode } from '../delegate/resolve-code';
import { PDF_FILE_ROW } from '../reader/rendition-plan';
import type { ServedVersion } from '../delegate/serve-document';
import type { SignatureStatus } from '../signatures/signature-report';

/** The meeting-wide book's scope; a session's book has the session id as its scope. */
export const MEETING_SCOPE = '';

export interface BookDocument {
  id: string;
  title: string;
  sessionId: string;
  file: ServedVersion;
  /** The current version's signature check; undefined while not checked (treated as signed: altered-copy-policy.ts). */
  signature: SignatureStatus | undefined;
  /** An Office file's PDF rendition (LibreOffice's conversion, kept by the reader's job), when there is one. */
  pdfRendition?: { storageKey: string; size: number };
}

export interface BookInputs {
  meetingId: string;
  scope: string;
  meeting: { title: string; venue: string; timezone: string; startsOn: string | null; organizer: string };
  /** The sessions the book covers, in agenda order (one for a session's book). */
  sessions: Pick<PageSession, 'id' | 'title' | 'startsAt' | 'endsAt' | 'room'>[];
  /** Exactly what the page lists for this scope right now, in agenda order, each document once. */
  documents: BookDocument[];
  /** The meeting-wide book leaves PIN sessions out (their titles are named on the cover). */
  pinSessionsLeftOut: string[];
  /** Next moment the list changes by itself (a release time): the book is rebuilt then. */
  changesAt: number | null;
}

/**
 * What a book may contain, by the delegate page's own rules: buildPageModel is asked as if
 * a code of this scope were scanned now (confidential and unreleased documents are never
 * listed). PIN sessions: a session's book is built, and served only with the grant (like its
 * documents); the meeting-wide book leaves PIN sessions out entirely, because one file cannot
 * hold documents some viewers of the meeting code may see and others may not.
 * null: no book (draft or archived meeting, or the session is gone).
 */
export async function loadBookInputs(db: Db, meetingId: string, scope: string, now: number): Promise<BookInputs | null> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return null;
  const session = scope === MEETING_SCOPE ? null : (await db.select().from(sessions).where(and(eq(sessions.id, scope), eq(sessions.meetingId, meetingId))))[0];
  if (session === undefined) return null;
  // Only the fields buildPageModel reads of a code: its label and its session.
  const resolved = { meeting, session, code: { label: null, sessionId: session?.id ?? null } } as unknown as ResolvedCode;
  const model = await buildPageModel(db, resolved, now);
  if (model.state !== 'list') return null;
  return inputsFromModel(db, meeting, scope, model);
}

async function inputsFromModel(db: Db, meeting: typeof meetings.$inferSelect, scope: string, model: PageModel): Promise<BookInputs> {
  const open = model.sessions.filter((s) => !s.pinHash || scope !== MEETING_SCOPE);
  const seen = new Set<string>();
  const listed = open.flatMap((s) => s.documents.map((d) => ({ d, sessionId: s.id }))).filter(({ d }) => !seen.has(d.id) && seen.add(d.id));
  const statuses = await signatureStatuses(db, listed.map(({ d }) => ({ id: d.id, version: d.file.version })));
  const pdfs = await pdfRenditions(db, listed.filter(({ d }) => d.contentType !== 'application/pdf').map(({ d }) => d.id));
  return {
    meetingId: meeting.id,
    scope,
    meeting: { title: meeting.title, venue: meeting.venue, timezone: meeting.timezone, startsOn: meeting.startsOn, organizer: meeting.organizer },
    sessions: open.map(({ id, title, startsAt, endsAt, room }) => ({ id, title, startsAt, endsAt, room })),
    documents: listed.map(({ d, sessionId }) => {
      const pdf = pdfs.get(`${d.id}|${d.file.version}`);
      return { id: d.id, title: d.title, sessionId, file: d.file, signature: statuses.get(`${d.id}|${d.file.version}`), ...(pdf && { pdfRendition: pdf }) };
    }),
    pinSessionsLeftOut: model.sessions.filter((s) => !open.includes(s)).map((s) => s.title),
    changesAt: model.changesAt,
  };
}

async function signatureStatuses(db: Db, versions: { id: string; version: number }[]): Promise<Map<string, SignatureStatus>> {
  const rows = await inSlices(versions.map((v) => v.id), (ids) =>
    db.select({ id: documentSignatures.documentId, version: documentSignatures.version, status: documentSignatures.status })
      .from(documentSignatures).where(inArray(documentSignatures.documentId, ids)));
  return new Map(rows.map((r) => [`${r.id}|${r.version}`, r.status as SignatureStatus]));
}

async function pdfRenditions(db: Db, ids: string[]): Promise<Map<string, { storageKey: string; size: number }>> {
  const rows = await inSlices(ids, (slice) =>
    db.select({ id: renditionPages.documentId, version: renditionPages.version, storageKey: renditionPages.storageKey, size: renditionPages.bytes })
      .from(renditionPages).where(and(inArray(renditionPages.documentId, slice), eq(renditionPages.page, PDF_FILE_ROW))));
  return new Map(rows.map((r) => [`${r.id}|${r.version}`, { storageKey: r.storageKey, size: r.size }]));
}

/** The scopes a meeting has books for: the whole meeting and each session. */
export async function bookScopes(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.meetingId, meetingId));
  return [MEETING_SCOPE, ...rows.map((r) => r.id)];
}

/** Published meetings (their books are checked at server start). */
export async function publishedMeetingIds(db: Db): Promise<string[]> {
  return (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.status, 'published'))).map((r) => r.id);
}
