import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DocumentView, SignatureStatusCode } from '../../shared/api-contract';
import { inSlices, type Db } from '../db/database';
import { documentSignatures, documentVersions, documents, renditions, sessionDocuments } from '../db/schema';
import { readerStatus } from '../reader/reader-status';
import { signatureBadgeOf } from '../signatures/signature-badge';
import type { SignatureReport } from '../signatures/signature-report';

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
  changeNote: documentVersions.changeNote,
  pageCount: documentVersions.pageCount,
  rendition: {
    status: renditions.status, format: renditions.format, pagesDone: renditions.pagesDone, sourcePages: renditions.sourcePages,
    capped: renditions.capped, error: renditions.error,
  },
  signatureStatus: documentSignatures.status,
  signatureDetail: documentSignatures.detail,
};

/** Documents joined with their current version. */
export function selectDocuments(db: Db) {
  return db
    .select(columns)
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .leftJoin(renditions, and(eq(renditions.documentId, documents.id), eq(renditions.version, documents.currentVersion)))
    .leftJoin(documentSignatures, and(eq(documentSignatures.documentId, documents.id), eq(documentSignatures.version, documents.currentVersion)));
}

export type DocumentWithVersion = Awaited<ReturnType<ReturnType<typeof selectDocuments>['all']>>[number];

export type { DocumentView } from '../../shared/api-contract';

export function toDocumentView(doc: DocumentWithVersion, sessionIds: string[]): DocumentView {
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
    changeNote: doc.changeNote,
    pageCount: doc.pageCount ?? doc.rendition?.sourcePages ?? null,
    /** The phone reader's state for the current version (see docs/reader.md). */
    reader: readerStatus(doc.contentType, doc.rendition),
    signature: consoleSignature(doc),
  };
}

/**
 * The console's view of the current version's signature: null while not checked (or not a PDF),
 * else the status with the main signer (the badge's fields) for the document list.
 */
function consoleSignature(doc: DocumentWithVersion) {
  if (!doc.signatureStatus) return doc.contentType === 'application/pdf' ? { status: 'pending' as const } : null;
  let report: SignatureReport | undefined;
  try {
    report = JSON.parse(doc.signatureDetail ?? '{}') as SignatureReport;
  } catch {
    report = undefined;
  }
  return { ...signatureBadgeOf(report), status: doc.signatureStatus as SignatureStatusCode };
}

/** The API view of some documents (by id) or of all of a meeting's documents. */
export async function documentViews(db: Db, where: { meetingId: string } | { ids: string[] }): Promise<DocumentView[]> {
  // Long id lists go in slices (D1's 100-parameter limit); a meeting's documents in one query.
  const rows = 'ids' in where
    ? (await inSlices(where.ids, (ids) => selectDocuments(db).where(inArray(documents.id, ids)))).sort(byCreation)
    : await selectDocuments(db).where(eq(documents.meetingId, where.meetingId)).orderBy(asc(documents.createdAt), asc(documents.id));
  const linkColumns = { documentId: sessionDocuments.documentId, sessionId: sessionDocuments.sessionId };
  const links = 'ids' in where
    ? await inSlices(rows.map((r) => r.id), (ids) => db.select(linkColumns).from(sessionDocuments).where(inArray(sessionDocuments.documentId, ids)))
    : await db.select(linkColumns).from(sessionDocuments).innerJoin(documents, eq(documents.id, sessionDocuments.documentId)).where(eq(documents.meetingId, where.meetingId));
  return rows.map((row) => toDocumentView(row, links.filter((l) => l.documentId === row.id).map((l) => l.sessionId)));
}

const byCreation = (a: DocumentWithVersion, b: DocumentWithVersion) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
