import { and, eq, max } from 'drizzle-orm';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { documentVersions, documents, meetings, sessionDocuments, sessions } from '../db/schema';
import { badRequest, conflict } from '../http/api-error';
import type { ObjectStore } from '../storage/object-store';
import { documentViews } from './document-view';
import { receiveFile, UploadRefused } from './receive-file';
import { cleanFilename, storageKeyFor, type UploadDeps } from './upload-documents';
import { parseMultipart } from 'multitars';

export type DocumentRow = typeof documents.$inferSelect;

/** Confidential documents never reach a delegate: they may not sit on a session of a published meeting. */
export const confidentialRefusal = (title: string) =>
  conflict('confidential_document', `"${title}" is marked confidential and cannot be attached to a session of a published meeting`);

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
    auditStatement(db, { userId: user.id, meetingId: doc.meetingId, action: 'document.update', target: doc.id, detail: { ...change } }, now),
  ]);
  return (await documentViews(db, { ids: [doc.id] }))[0]!;
}

/** Removes the document and its links, then every stored version (objects last: rows never point at nothing). */
export async function deleteDocument(db: Db, store: ObjectStore, user: SessionUser, doc: DocumentRow, now: number) {
  const versions = await db.select({ key: documentVersions.storageKey }).from(documentVersions).where(eq(documentVersions.documentId, doc.id));
  await runBatch(db, [
    db.delete(documents).where(eq(documents.id, doc.id)),
    auditStatement(db, { userId: user.id, meetingId: doc.meetingId, action: 'document.delete', target: doc.id, detail: { title: doc.title } }, now),
  ]);
  await deleteObjects(store, versions.map((v) => v.key));
}

export async function deleteObjects(store: ObjectStore, keys: string[]) {
  // Best effort: a failure leaves an orphan object for the sweep, never a dangling row.
  await Promise.allSettled(keys.map((key) => store.delete(key)));
}

/**
 * Stores a new file for an existing document: same id, same links, version + 1.
 * The body is a multipart form with one "file" field.
 */
export async function replaceDocumentFile(deps: UploadDeps, user: SessionUser, doc: DocumentRow, body: ReadableStream<Uint8Array> | null, contentType: string) {
  if (!body || !/^multipart\/form-data;.*boundary=/i.test(contentType)) throw badRequest('Expected a multipart/form-data body with a "file" field');
  const { db, store, now } = deps;
  let result: Awaited<ReturnType<typeof receiveFile>> | null = null;
  const key = storageKeyFor(doc.meetingId, doc.id);
  let fileError: unknown;
  try {
    for await (const part of parseMultipart(body, { contentType })) {
      if (!/\bfilename\*?=/i.test(part.headers['content-disposition'] ?? '')) continue;
      try {
        result = await receiveFile(store, key, part.stream(), cleanFilename(part.name), deps.maxUploadBytes);
      } catch (error) {
        fileError = error;
        throw error;
      }
      break;
    }
  } catch (error) {
    // Only the multipart parser's own errors are the client's fault: a refused file keeps its
    // status, and a store failure (an outage → 503 storage_unavailable) is not a "malformed body".
    if (error === fileError || error instanceof UploadRefused) throw error;
    throw badRequest(`Malformed multipart body: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  if (!result) throw badRequest('No file in the upload (expected a "file" field)');
  const [row] = await db.select({ top: max(documentVersions.version) }).from(documentVersions).where(eq(documentVersions.documentId, doc.id));
  const version = (row?.top ?? doc.currentVersion) + 1;
  const at = new Date(now());
  try {
    await runBatch(db, [
      db.insert(documentVersions).values({
        documentId: doc.id, version, storageKey: key, filename: result.filename, contentType: result.type.contentType,
        size: result.meta.size, etag: result.meta.etag, createdBy: user.id, createdAt: at,
      }),
      db.update(documents).set({ currentVersion: version, updatedAt: at }).where(eq(documents.id, doc.id)),
      auditStatement(db, { userId: user.id, meetingId: doc.meetingId, action: 'document.replace', target: doc.id, detail: { filename: result.filename, version } }, now()),
    ]);
  } catch (error) {
    await store.delete(key).catch(() => {});
    throw error;
  }
  return (await documentViews(db, { ids: [doc.id] }))[0]!;
}
