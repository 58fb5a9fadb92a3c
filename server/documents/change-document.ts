import { and, eq, max } from 'drizzle-orm';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type BatchStatement, type Db } from '../db/database';
import { documentVersions, documents, meetings, sessionDocuments, sessions } from '../db/schema';
import { DomainError } from '../domain-error';
import type { ObjectStore } from '../storage/object-store';
import { type SignaturePorts, signatureCheckStatements } from '../signatures/check-document-signatures';
import { pageCountStatements } from './count-pages-job';
import { signatureReplacementCheck } from '../signatures/check-replacement';
import { renditionStatements } from '../reader/queue-rendition';
import { allRenditionKeys } from '../reader/rendition-rows';
import { documentViews } from './document-view';
import { receiveFile } from './receive-file';
import { cleanFilename, storageKeyFor, type StoredFile, type UploadDeps } from './upload-documents';

export type DocumentRow = typeof documents.$inferSelect;

/** Confidential documents never reach a delegate: they may not sit on a session of a published meeting. */
export const confidentialRefusal = (title: string) =>
  new DomainError('confidential_document', `"${title}" is marked confidential and cannot be attached to a session of a published meeting`);

export async function isOnPublishedSession(db: Db, documentId: string): Promise<boolean> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessionDocuments)
    .innerJoin(sessions, eq(sessions.id, sessionDocuments.sessionId))
    .innerJoin(meetings, eq(meetings.id, sessions.meetingId))
    .where(and(eq(sessionDocuments.documentId, documentId), eq(meetings.status, 'published')))
    .limit(1);
  return rows.length > 0;
}

export interface DocumentChange {
  title?: string;
  confidential?: boolean;
  releaseAt?: string | null;
  /** The current version's one-line change note. */
  changeNote?: string;
}

export async function updateDocument(db: Db, user: SessionUser, doc: DocumentRow, change: DocumentChange, now: number) {
  if (change.confidential && !doc.confidential && (await isOnPublishedSession(db, doc.id))) {
    throw confidentialRefusal(change.title ?? doc.title);
  }
  await runBatch(db, [
    db.update(documents).set({
      ...(change.title !== undefined && { title: change.title }),
      ...(change.confidential !== undefined && { confidential: change.confidential }),
      ...(change.releaseAt !== undefined && { releaseAt: change.releaseAt ? new Date(change.releaseAt) : null }),
      updatedAt: new Date(now),
    }).where(eq(documents.id, doc.id)),
    // The note belongs to the version it describes: a later version starts without one.
    ...(change.changeNote !== undefined
      ? [db.update(documentVersions).set({ changeNote: change.changeNote }).where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion)))]
      : []),
    auditStatement(db, { userId: user.id, meetingId: doc.meetingId, action: 'document.update', target: doc.id, detail: { ...change } }, now),
  ]);
  return (await documentViews(db, { ids: [doc.id] }))[0]!;
}

/** Removes the document and its links, then every stored version (objects last: rows never point at nothing). */
export async function deleteDocument(db: Db, store: ObjectStore, user: SessionUser, doc: DocumentRow, now: number) {
  const versions = await db.select({ key: documentVersions.storageKey }).from(documentVersions).where(eq(documentVersions.documentId, doc.id));
  // Its renditions go with it (their rows by cascade, their files here).
  const renditionFiles = await allRenditionKeys(db, doc.id);
  await runBatch(db, [
    db.delete(documents).where(eq(documents.id, doc.id)),
    auditStatement(db, { userId: user.id, meetingId: doc.meetingId, action: 'document.delete', target: doc.id, detail: { title: doc.title } }, now),
  ]);
  await deleteObjects(store, [...versions.map((v) => v.key), ...renditionFiles]);
}

export async function deleteObjects(store: ObjectStore, keys: string[]) {
  // Best effort: a failure leaves an orphan object for the sweep, never a dangling row.
  await Promise.allSettled(keys.map((key) => store.delete(key)));
}

/**
 * Stores a new file for an existing document in one request: same id, same links, version + 1.
 * The rows change only once the new file is complete in the store (recordReplacement).
 */
export async function replaceDocumentFile(deps: ReplaceDeps, user: SessionUser, doc: DocumentRow, file: { filename: string; stream: ReadableStream<Uint8Array> }, options: { confirmSignatureChange?: boolean } = {}) {
  const key = storageKeyFor(doc.meetingId, doc.id);
  const result = await receiveFile(deps.store, key, file.stream, cleanFilename(file.filename), deps.maxUploadBytes);
  try {
    return await recordReplacement(deps, user, doc, { key, ...result }, options);
  } catch (error) {
    // Refused (a signature change not confirmed): one request carries the file again, so the new object goes.
    await deps.store.delete(key).catch(() => {});
    throw error;
  }
}

export type ReplaceDeps = UploadDeps & { signatures?: SignaturePorts };

/**
 * Makes a file complete in the store under `key` the document's next version. Every
 * replacement ends here, in one request (replaceDocumentFile) or in parts
 * (chunked/complete-chunked-upload.ts): the version bump, the signature-change rule, the
 * audit row, the new version's jobs, in one batch with `also` (statements that must land
 * with it). A signed document replaced by an unsigned or differently signed file throws 409
 * `signature_change` unless confirmed, keeping the object (the caller decides its fate);
 * a failed write removes it.
 */
export async function recordReplacement(deps: ReplaceDeps, user: SessionUser, doc: DocumentRow, file: Omit<StoredFile, 'documentId'>, options: { confirmSignatureChange?: boolean; also?: BatchStatement[] } = {}) {
  const { db, store, now } = deps;
  const { key, type, meta, filename } = file;
  const [row] = await db.select({ top: max(documentVersions.version) }).from(documentVersions).where(eq(documentVersions.documentId, doc.id));
  const version = (row?.top ?? doc.currentVersion) + 1;
  const at = new Date(now());
  // A signed document replaced by an unsigned or differently signed file: 409 with the difference
  // unless confirmed; otherwise the new version's check comes along.
  const signatureStatements = await signatureReplacementCheck({ ...deps, signatures: deps.signatures }, doc, { key, version, contentType: type.contentType }, options.confirmSignatureChange === true);
  try {
    await runBatch(db, [
      db.insert(documentVersions).values({
        documentId: doc.id, version, storageKey: key, filename, contentType: type.contentType,
        size: meta.size, etag: meta.etag, createdBy: user.id, createdAt: at,
      }),
      db.update(documents).set({ currentVersion: version, updatedAt: at }).where(eq(documents.id, doc.id)),
      auditStatement(db, { userId: user.id, meetingId: doc.meetingId, action: 'document.replace', target: doc.id, detail: { filename, version } }, now()),
      ...(signatureStatements ?? signatureCheckStatements(db, { documentId: doc.id, version, contentType: type.contentType }, now())),
      ...pageCountStatements(db, { documentId: doc.id, version, contentType: type.contentType }, now()),
      // Supersedes a rendition job still queued for the old version; the new rendition replaces the old one when made.
      ...renditionStatements(db, doc.id, version, type.contentType, now()),
      ...(options.also ?? []),
    ]);
  } catch (error) {
    await store.delete(key).catch(() => {});
    throw error;
  }
  deps.jobs?.wake();
  return (await documentViews(db, { ids: [doc.id] }))[0]!;
}
