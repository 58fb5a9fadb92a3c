import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentSignatures, documentVersions, documents, sessionDocuments, sessions } from '../db/schema';
import { signatureBadgeOf, type SignatureBadge } from '../signatures/signature-badge';
import type { SignatureStatus } from '../signatures/signature-report';
import type { ResolvedCode } from './resolve-code';
import type { ServedVersion } from './serve-document';
import { nextWindowEdge, viewingWindowOf, type ViewingWindow } from './viewing-window';
import { loadPageBooks, type PageBook } from './page-books';

export interface PageDocument {
  id: string;
  title: string;
  contentType: string;
  size: number;
  /**
   * When the document first showed on the page (added or released) and when its current
   * version did (ms). The page carries both; each device's script compares them with
   * that device's previous visit (answer-seen.ts) to say "new" or "updated".
   */
  shownAt: number;
  versionAt: number;
  /** The current version's number and the organizer's note on what it changed ('' when none). */
  version: number;
  changeNote: string;
  /** The digital signature of the current version, when it has one (PDFs checked in the background). */
  signature?: SignatureBadge;
  /** The stored file of the current version, to serve without another query. */
  file: ServedVersion;
}

export interface PageSession {
  id: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  room: string;
  documents: PageDocument[];
  /** Documents whose release time is still ahead, and the first of those times. */
  later: { count: number; firstAt: Date | null };
  /** The session's PIN hash when it is restricted: its documents need a grant. */
  pinHash: string | null;
}

export interface PageModel {
  /** 'not_open': the meeting is still a draft; 'closed': archived. */
  state: 'list' | 'not_open' | 'closed';
  meeting: { title: string; venue: string; timezone: string; startsOn: string | null; labelledCopies: boolean };
  label: string | null;
  /** The code's own session (null for a meeting code, which shows the whole agenda). */
  codeSessionId: string | null;
  sessions: PageSession[];
  /** When delegates may see the documents (the meeting's window narrowed by the code's). */
  window: ViewingWindow;
  /** Earliest moment the page's content changes by itself (a release time, a window edge), or null. */
  changesAt: number | null;
  /** The meeting's compiled books (docs/meeting-book.md); who may have which is bookStateFor's rule. */
  books?: PageBook[];
}

/**
 * What a delegate may see through a code, right now. Confidential documents and
 * documents before their release time are never listed. Documents of PIN sessions
 * are listed here; the page shows them only to devices holding a grant.
 */
export async function buildPageModel(db: Db, resolved: ResolvedCode, now: number): Promise<PageModel> {
  const { meeting, code } = resolved;
  const window = viewingWindowOf(meeting, code);
  // A page cached before a window edge must expire at that edge.
  const edge = nextWindowEdge(window, now);
  const base = {
    meeting: { title: meeting.title, venue: meeting.venue, timezone: meeting.timezone, startsOn: meeting.startsOn, labelledCopies: meeting.labelledCopies },
    label: code.label, codeSessionId: code.sessionId, window, changesAt: edge,
  };
  if (meeting.status === 'archived') return { ...base, state: 'closed', sessions: [] };

  const sessionRows = resolved.session
    ? [resolved.session]
    : await db.select().from(sessions).where(eq(sessions.meetingId, meeting.id)).orderBy(asc(sessions.position), asc(sessions.createdAt));
  // A draft shows no document, but the session's time tells the delegate when to come back.
  if (meeting.status === 'draft') {
    return { ...base, state: 'not_open', sessions: sessionRows.map((s) => ({ ...sessionShape(s), documents: [], later: { count: 0, firstAt: null } })) };
  }

  // One session, or every session of the meeting: one bound parameter either way (D1 binds at most 100).
  const attachedTo = resolved.session ? eq(sessionDocuments.sessionId, resolved.session.id) : eq(documents.meetingId, meeting.id);
  const rows = sessionRows.length
    ? await db
        .select({
          sessionId: sessionDocuments.sessionId, id: documents.id, title: documents.title, confidential: documents.confidential,
          releaseAt: documents.releaseAt, createdAt: documents.createdAt, version: documents.currentVersion,
          contentType: documentVersions.contentType, size: documentVersions.size,
          storageKey: documentVersions.storageKey, filename: documentVersions.filename, etag: documentVersions.etag,
          versionCreatedAt: documentVersions.createdAt, changeNote: documentVersions.changeNote,
          signatureStatus: documentSignatures.status, signatureDetail: documentSignatures.detail,
        })
        .from(sessionDocuments)
        .innerJoin(documents, eq(documents.id, sessionDocuments.documentId))
        .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
        .leftJoin(documentSignatures, and(eq(documentSignatures.documentId, documents.id), eq(documentSignatures.version, documents.currentVersion)))
        .where(attachedTo)
        .orderBy(asc(sessionDocuments.position))
    : [];

  let changesAt: number | null = edge;
  const pageSessions = sessionRows.map((s): PageSession => {
    const mine = rows.filter((r) => r.sessionId === s.id && !r.confidential);
    const later = mine.filter((r) => r.releaseAt && r.releaseAt.getTime() > now);
    const firstAt = later.reduce<number | null>((min, r) => Math.min(min ?? Infinity, r.releaseAt!.getTime()), null);
    if (firstAt !== null) changesAt = Math.min(changesAt ?? Infinity, firstAt);
    return {
      ...sessionShape(s),
      later: { count: later.length, firstAt: firstAt === null ? null : new Date(firstAt) },
      documents: mine.filter((r) => !later.includes(r)).map((r) => ({
        id: r.id, title: r.title, contentType: r.contentType, size: r.size,
        file: { version: r.version, storageKey: r.storageKey, filename: r.filename, contentType: r.contentType, size: r.size, etag: r.etag, signatureStatus: (r.signatureStatus as SignatureStatus | null) ?? null },
        // A document released later shows (and is new) from its release time; so does a version replaced before it.
        shownAt: Math.max(r.createdAt.getTime(), r.releaseAt?.getTime() ?? 0),
        versionAt: Math.max(r.versionCreatedAt.getTime(), r.releaseAt?.getTime() ?? 0),
        version: r.version, changeNote: r.changeNote,
        ...signatureOf(r.signatureStatus, r.signatureDetail),
      })),
    };
  });
  return { ...base, state: 'list', sessions: pageSessions, changesAt, books: await loadPageBooks(db, meeting.id) };
}

function signatureOf(status: string | null, detail: string | null): { signature?: SignatureBadge } {
  if (!status || status === 'unsigned' || !detail) return {};
  try {
    const signature = signatureBadgeOf(JSON.parse(detail));
    return signature ? { signature } : {};
  } catch {
    return {};
  }
}

function sessionShape(s: typeof sessions.$inferSelect) {
  return { id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, pinHash: s.pinHash };
}

/** Sessions whose documents this device may see: those without a PIN, and those it holds a grant for. */
export function openSessions(model: PageModel, granted: ReadonlySet<string>): PageSession[] {
  return model.sessions.filter((s) => !s.pinHash || granted.has(s.id));
}

/** Whether a document may be served through this code to this device right now (same rules as the list). */
export function pageListsDocument(model: PageModel, documentId: string, granted: ReadonlySet<string> = new Set()): boolean {
  return model.state === 'list' && openSessions(model, granted).some((s) => s.documents.some((d) => d.id === documentId));
}

/** The session an open is attributed to: the code's own, or the first open session listing the document. */
export function sessionOfDocument(model: PageModel, documentId: string, granted: ReadonlySet<string>): string | null {
  return model.codeSessionId ?? openSessions(model, granted).find((s) => s.documents.some((d) => d.id === documentId))?.id ?? null;
}
