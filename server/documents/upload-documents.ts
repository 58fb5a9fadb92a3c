import { and, eq, inArray, max } from 'drizzle-orm';
import { stripBidiControls } from '../../shared/text-controls';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import type { Db } from '../db/database';
import { auditLog, documentVersions, documents, sessionDocuments, sessions } from '../db/schema';
import { IDS_PER_QUERY, inSlices, runBatch, type BatchStatement } from '../db/database';
import { invalid } from '../domain-error';
import type { FormParts } from '../http/form-parts';
import { newId } from '../ids';
import { StorageUnavailableError, type ObjectMeta, type ObjectStore } from '../storage/object-store';
import type { SniffedType } from './sniff-type';
import { deleteObjects } from './change-document';
import { signatureCheckStatements } from '../signatures/check-document-signatures';
import { pageCountStatements } from './count-pages-job';
import { renditionStatements } from '../reader/queue-rendition';
import { documentViews, type DocumentView } from './document-view';
import { UploadRefused, receiveFile } from './receive-file';

export interface UploadDeps {
  db: Db;
  store: ObjectStore;
  now: () => number;
  maxUploadBytes: number;
  /** Told when a rendition job was queued (the Node server's runner). */
  jobs?: { wake(): void };
}

/** A file of the upload that was not kept; http/error-status.ts gives its code a status. */
export interface UploadFailure {
  file: string;
  code: UploadRefused['code'] | 'storage_unavailable';
  message: string;
}

// Parts may carry large headers only up to the parser's own limits; names are capped here.
const MAX_NAME = 255;

export const storageKeyFor = (meetingId: string, documentId: string) => `docs/${meetingId}/${documentId}/${newId()}`;

export function cleanFilename(name: string): string {
  // Path parts and control characters never reach the database or a download header.
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  // Bidi controls too: an override makes "x<RLO>fdp.exe" read as "xexe.pdf" in a listing.
  const cleaned = stripBidiControls(base.replace(/[\u0000-\u001f\u007f]/g, '')).trim().slice(0, MAX_NAME);
  return cleaned || 'document';
}

const titleFrom = (filename: string) => filename.replace(/\.[A-Za-z0-9]{1,5}$/, '') || filename;

/**
 * Streams one file into the store as a new document of the meeting (version 1)
 * and returns its id. The rows are written only once the object is complete;
 * refusals (type, size, empty) throw UploadRefused before anything is kept.
 */
export async function storeNewDocument(deps: UploadDeps, meetingId: string, user: SessionUser, source: ReadableStream<Uint8Array>, filename: string): Promise<string> {
  const documentId = newId();
  const key = storageKeyFor(meetingId, documentId);
  const stored = await receiveFile(deps.store, key, source, filename, deps.maxUploadBytes);
  await recordNewDocument(deps, meetingId, user, { documentId, key, ...stored });
  return documentId;
}

/** A file complete in the store under `key`, its type sniffed, not yet a document. */
export interface StoredFile {
  documentId: string;
  key: string;
  type: SniffedType;
  meta: ObjectMeta;
  filename: string;
}

/**
 * Makes a stored file visible as a new document (version 1): the document, its version and
 * the audit row, with its signature check and reader jobs queued, in one batch (plus `also`,
 * statements that must land with it). Every upload ends here, in one request or in parts
 * (chunked/complete-chunked-upload.ts). A failed write removes the object.
 */
export async function recordNewDocument(deps: UploadDeps, meetingId: string, user: SessionUser, file: StoredFile, also: BatchStatement[] = []): Promise<void> {
  const { db, store, now } = deps;
  const { documentId, key } = file;
  const at = new Date(now());
  try {
    await runBatch(db, [
      db.insert(documents).values({ id: documentId, meetingId, title: titleFrom(file.filename), currentVersion: 1, createdAt: at, updatedAt: at }),
      db.insert(documentVersions).values({
        documentId, version: 1, storageKey: key, filename: file.filename, contentType: file.type.contentType,
        size: file.meta.size, etag: file.meta.etag, createdBy: user.id, createdAt: at,
      }),
      auditStatement(db, { userId: user.id, meetingId, action: 'document.upload', target: documentId, detail: { filename: file.filename, size: file.meta.size } }, now()),
      ...signatureCheckStatements(db, { documentId, version: 1, contentType: file.type.contentType }, now()),
      ...pageCountStatements(db, { documentId, version: 1, contentType: file.type.contentType }, now()),
      // The phone rendition is made later by the job queue: the upload's answer never waits for it.
      ...renditionStatements(db, documentId, 1, file.type.contentType, now()),
      ...also,
    ]);
  } catch (error) {
    await store.delete(key).catch(() => {}); // the row failed: do not keep an object nothing points to
    throw error;
  }
  deps.jobs?.wake();
}

/**
 * Stores every file part of a multipart body as a new document of the meeting.
 * Each file is judged alone: refused ones are reported, the others are kept.
 * A document row is written only after its object is complete in the store.
 */
export async function uploadDocuments(deps: UploadDeps, meetingId: string, user: SessionUser, parts: FormParts): Promise<{ documents: DocumentView[]; failures: UploadFailure[] }> {
  const { db } = deps;
  const created: string[] = [];
  const failures: UploadFailure[] = [];
  let sessionId: string | null = null;
  try {
    for (let part = await parts.next(); part; part = await parts.next()) {
      if (part.filename === undefined) {
        if (part.field === 'sessionId') {
          // part.text() reads at most 1 KB: a field is an id, however long the part streams on.
          sessionId = (await part.text()).trim().slice(0, 64) || null;
          // Checked at once: sent before the files, a wrong session stores nothing at all.
          if (sessionId) await checkSession(db, meetingId, sessionId);
        }
        continue;
      }
      if (part.field !== 'file') continue;
      const filename = cleanFilename(part.filename);
      try {
        created.push(await storeNewDocument(deps, meetingId, user, part.stream(), filename));
      } catch (error) {
        if (error instanceof StorageUnavailableError) {
          // The store went away mid-upload: the files already stored stay (and are attached and
          // listed), this one is named, and the rest is not read — it would fail the same way.
          failures.push({ file: filename, code: 'storage_unavailable', message: `"${filename}" was not saved: the document store is unreachable. Try again shortly.` });
          break;
        }
        if (!(error instanceof UploadRefused)) throw error;
        failures.push({ file: filename, code: error.code, message: error.message });
        if (error.code === 'upload_interrupted') break;
      }
    }
    if (created.length === 0 && failures.length === 0) throw invalid('No file in the upload (expected "file" fields)');
    if (sessionId && created.length) await attachToSession(db, meetingId, sessionId, created);
  } catch (error) {
    // Refused as a whole (a wrong session, an oversized field, a broken body): the files stored
    // so far go again, rows and objects, so a refusal never leaves documents behind.
    await discardDocuments(db, deps.store, created);
    throw error;
  }
  return { documents: await documentViews(db, { ids: created }), failures };
}

export async function checkSession(db: Db, meetingId: string, sessionId: string) {
  const [session] = await db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.meetingId, meetingId)));
  if (!session) throw invalid('sessionId: not a session of this meeting', { field: 'sessionId' });
}

/** Removes documents stored by an upload that is then refused: rows (versions cascade), their upload audit entries, objects. */
async function discardDocuments(db: Db, store: ObjectStore, ids: string[]) {
  if (ids.length === 0) return;
  const versions = await inSlices(ids, (slice) => db.select({ key: documentVersions.storageKey }).from(documentVersions).where(inArray(documentVersions.documentId, slice)));
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const slice = ids.slice(i, i + IDS_PER_QUERY);
    await runBatch(db, [
      db.delete(auditLog).where(and(eq(auditLog.action, 'document.upload'), inArray(auditLog.target, slice))),
      db.delete(documents).where(inArray(documents.id, slice)),
    ]);
  }
  await deleteObjects(store, versions.map((v) => v.key));
}

/** Appends freshly uploaded documents to a session of the same meeting (uploads are never confidential). */
export async function attachToSession(db: Db, meetingId: string, sessionId: string, documentIds: string[]) {
  await checkSession(db, meetingId, sessionId);
  const [row] = await db.select({ top: max(sessionDocuments.position) }).from(sessionDocuments).where(eq(sessionDocuments.sessionId, sessionId));
  const start = (row?.top ?? -1) + 1;
  await runBatch(db, documentIds.map((documentId, i) => db.insert(sessionDocuments).values({ sessionId, documentId, position: start + i })));
}
