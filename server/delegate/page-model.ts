import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentVersions, documents, sessionDocuments, sessions } from '../db/schema';
import type { ResolvedCode } from './resolve-code';

export interface PageDocument {
  id: string;
  title: string;
  contentType: string;
  size: number;
  badge: 'new' | 'updated' | null;
}

export interface PageSession {
  id: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  room: string;
  documents: PageDocument[];
  /** Documents not released yet (their release time is in the future). */
  laterCount: number;
}

export interface PageModel {
  state: 'list' | 'not_open' | 'closed';
  meeting: { title: string; venue: string; timezone: string };
  label: string | null;
  sessions: PageSession[];
  /** Earliest moment the page's content changes by itself (a release time), or null. */
  changesAt: number | null;
}

/**
 * What a delegate may see through a code, right now. Confidential documents and
 * documents before their release time are never listed.
 */
export async function buildPageModel(db: Db, resolved: ResolvedCode, now: number): Promise<PageModel> {
  const { meeting, code } = resolved;
  const base = { meeting: { title: meeting.title, venue: meeting.venue, timezone: meeting.timezone }, label: code.label, sessions: [], changesAt: null };
  if (meeting.status === 'draft') return { ...base, state: 'not_open' };
  if (meeting.status === 'archived') return { ...base, state: 'closed' };

  const sessionRows = resolved.session
    ? [resolved.session]
    : await db.select().from(sessions).where(eq(sessions.meetingId, meeting.id)).orderBy(asc(sessions.position), asc(sessions.createdAt));
  const ids = sessionRows.map((s) => s.id);
  const rows = ids.length
    ? await db
        .select({
          sessionId: sessionDocuments.sessionId, id: documents.id, title: documents.title, confidential: documents.confidential,
          releaseAt: documents.releaseAt, createdAt: documents.createdAt, version: documents.currentVersion,
          contentType: documentVersions.contentType, size: documentVersions.size,
        })
        .from(sessionDocuments)
        .innerJoin(documents, eq(documents.id, sessionDocuments.documentId))
        .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
        .where(inArray(sessionDocuments.sessionId, ids))
        .orderBy(asc(sessionDocuments.position))
    : [];

  let changesAt: number | null = null;
  const published = meeting.publishedAt?.getTime() ?? 0;
  const pageSessions = sessionRows.map((s): PageSession => {
    const mine = rows.filter((r) => r.sessionId === s.id && !r.confidential);
    const later = mine.filter((r) => r.releaseAt && r.releaseAt.getTime() > now);
    for (const r of later) changesAt = Math.min(changesAt ?? Infinity, r.releaseAt!.getTime());
    return {
      id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, laterCount: later.length,
      documents: mine.filter((r) => !later.includes(r)).map((r) => ({
        id: r.id, title: r.title, contentType: r.contentType, size: r.size,
        badge: r.version > 1 ? 'updated' : r.createdAt.getTime() > published ? 'new' : null,
      })),
    };
  });
  return { ...base, state: 'list', sessions: pageSessions, changesAt };
}

/** Whether a document may be served through this code right now (same rules as the list). */
export function pageListsDocument(model: PageModel, documentId: string): boolean {
  return model.state === 'list' && model.sessions.some((s) => s.documents.some((d) => d.id === documentId));
}
