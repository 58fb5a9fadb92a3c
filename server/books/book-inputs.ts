import { and, eq, inArray } from 'drizzle-orm';
import { inSlices, type Db } from '../db/database';
import { documentSignatures, meetings, sessions } from '../db/schema';
import { buildPageModel, type PageModel, type PageSession } from '../delegate/page-model';
import type { ResolvedCode } from '../delegate/resolve-code';
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
  return {
    meetingId: meeting.id,
    scope,
    meeting: { title: meeting.title, venue: meeting.venue, timezone: meeting.timezone, startsOn: meeting.startsOn, organizer: meeting.organizer },
    sessions: open.map(({ id, title, startsAt, endsAt, room }) => ({ id, title, startsAt, endsAt, room })),
    documents: listed.map(({ d, sessionId }) => ({ id: d.id, title: d.title, sessionId, file: d.file, signature: statuses.get(`${d.id}|${d.file.version}`) })),
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

/** The scopes a meeting has books for: the whole meeting and each session. */
export async function bookScopes(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.meetingId, meetingId));
  return [MEETING_SCOPE, ...rows.map((r) => r.id)];
}

/** Published meetings (their books are checked at server start). */
export async function publishedMeetingIds(db: Db): Promise<string[]> {
  return (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.status, 'published'))).map((r) => r.id);
}
