import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentVersions, documents, sessionDocuments } from '../db/schema';

const columns = {
  id: documents.id,
  meetingId: documents.meetingId,
  title: documents.title,
  confidential: documents.confidential,
  releaseAt: documents.releaseAt,
  version: documents.currentVersion,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  filename: documentVersions.filename,
  contentType: documentVersions.contentType,
  size: documentVersions.size,
  storageKey: documentVersions.storageKey,
  etag: documentVersions.etag,
};

/** Documents joined with their current version. */
export function selectDocuments(db: Db) {
  return db
    .select(columns)
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)));
}

export type DocumentWithVersion = Awaited<ReturnType<ReturnType<typeof selectDocuments>['all']>>[number];

export function toDocumentView(doc: DocumentWithVersion, sessionIds: string[]) {
  return {
    id: doc.id,
    meetingId: doc.meetingId,
    title: doc.title,
    confidential: doc.confidential,
    releaseAt: doc.releaseAt?.toISOString() ?? null,
    version: doc.version,
    filename: doc.filename,
    contentType: doc.contentType,
    size: doc.size,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    sessionIds,
  };
}

export type DocumentView = ReturnType<typeof toDocumentView>;

/** The API view of some documents (by id) or of all of a meeting's documents. */
export async function documentViews(db: Db, where: { meetingId: string } | { ids: string[] }): Promise<DocumentView[]> {
  const filter = 'ids' in where ? inArray(documents.id, where.ids.length ? where.ids : ['']) : eq(documents.meetingId, where.meetingId);
  const rows = await selectDocuments(db).where(filter).orderBy(asc(documents.createdAt), asc(documents.id));
  const links = rows.length
    ? await db.select().from(sessionDocuments).where(inArray(sessionDocuments.documentId, rows.map((r) => r.id)))
    : [];
  return rows.map((row) => toDocumentView(row, links.filter((l) => l.documentId === row.id).map((l) => l.sessionId)));
}
