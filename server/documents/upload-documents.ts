import { parseMultipart } from 'multitars';
import { and, eq, max } from 'drizzle-orm';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import type { Db } from '../db/database';
import { documentVersions, documents, sessionDocuments, sessions } from '../db/schema';
import { runBatch } from '../db/database';
import { badRequest } from '../http/api-error';
import { newId } from '../ids';
import { StorageUnavailableError, type ObjectStore } from '../storage/object-store';
import { signatureCheckStatements } from '../signatures/check-document-signatures';
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

export interface UploadFailure {
  file: string;
  status: number;
  code: string;
  message: string;
}

// Parts may carry large headers only up to the parser's own limits; names are capped here.
const MAX_NAME = 255;

export const storageKeyFor = (meetingId: string, documentId: string) => `docs/${meetingId}/${documentId}/${newId()}`;

/** Parses a multipart field's Content-Disposition: the form field name and whether it is a file. */
function dispositionOf(header: string | undefined): { field: string; isFile: boolean } {
  const field = /\bname="([^"]*)"/i.exec(header ?? '')?.[1] ?? '';
  return { field, isFile: /\bfilename\*?=/i.test(header ?? '') };
}

export function cleanFilename(name: string): string {
  // Path parts and control characters never reach the database or a download header.
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_NAME);
  return cleaned || 'document';
}

const titleFrom = (filename: string) => filename.replace(/\.[A-Za-z0-9]{1,5}$/, '') || filename;

/**
 * Streams one file into the store as a new document of the meeting (version 1)
 * and returns its id. The rows are written only once the object is complete;
 * refusals (type, size, empty) throw UploadRefused before anything is kept.
 */
export async function storeNewDocument(deps: UploadDeps, meetingId: string, user: SessionUser, source: ReadableStream<Uint8Array>, filename: string): Promise<string> {
  const { db, store, now } = deps;
  const documentId = newId();
  const key = storageKeyFor(meetingId, documentId);
  const stored = await receiveFile(store, key, source, filename, deps.maxUploadBytes);
  const at = new Date(now());
  try {
    await runBatch(db, [
      db.insert(documents).values({ id: documentId, meetingId, title: titleFrom(stored.filename), currentVersion: 1, createdAt: at, updatedAt: at }),
      db.insert(documentVersions).values({
        documentId, version: 1, storageKey: key, filename: stored.filename, contentType: stored.type.contentType,
        size: stored.meta.size, etag: stored.meta.etag, createdBy: user.id, createdAt: at,
      }),
      auditStatement(db, { userId: user.id, meetingId, action: 'document.upload', target: documentId, detail: { filename: stored.filename, size: stored.meta.size } }, now()),
      ...signatureCheckStatements(db, { documentId, version: 1, contentType: stored.type.contentType }, now()),
      // The phone rendition is made later by the job queue: the upload's answer never waits for it.
      ...renditionStatements(db, documentId, 1, stored.type.contentType, now()),
    ]);
  } catch (error) {
    await store.delete(key).catch(() => {}); // the row failed: do not keep an object nothing points to
    throw error;
  }
  deps.jobs?.wake();
  return documentId;
}

/**
 * Stores every file part of a multipart body as a new document of the meeting.
 * Each file is judged alone: refused ones are reported, the others are kept.
 * A document row is written only after its object is complete in the store.
 */
export async function uploadDocuments(
  deps: UploadDeps,
  meetingId: string,
  user: SessionUser,
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
): Promise<{ documents: DocumentView[]; failures: UploadFailure[] }> {
  if (!body || !/^multipart\/form-data;.*boundary=/i.test(contentType)) {
    throw badRequest('Expected a multipart/form-data body with one or more "file" fields');
  }
  const { db, store, now } = deps;
  const created: string[] = [];
  const failures: UploadFailure[] = [];
  let sessionId: string | null = null;
  const parts = parseMultipart(body, { contentType });
  for (;;) {
    let step: Awaited<ReturnType<typeof parts.next>>;
    try {
      step = await parts.next();
    } catch (error) {
      // The body itself is broken (bad boundary, truncated headers): a client error, not ours.
      throw badRequest(`Malformed multipart body: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
    if (step.done) break;
    const part = step.value;
    const { field, isFile } = dispositionOf(part.headers['content-disposition']);
    if (!isFile) {
      if (field === 'sessionId') sessionId = (await part.text()).trim().slice(0, 64) || null;
      continue;
    }
    if (field !== 'file') continue;
    const filename = cleanFilename(part.name);
    try {
      created.push(await storeNewDocument(deps, meetingId, user, part.stream(), filename));
    } catch (error) {
      if (error instanceof StorageUnavailableError) {
        // The store went away mid-upload: the files already stored stay (and are attached and
        // listed), this one is named, and the rest is not read — it would fail the same way.
        failures.push({ file: filename, status: 503, code: 'storage_unavailable', message: `"${filename}" was not saved: the document store is unreachable. Try again shortly.` });
        break;
      }
      if (!(error instanceof UploadRefused)) throw error;
      failures.push({ file: filename, status: error.status, code: error.code, message: error.message });
      if (error.code === 'upload_interrupted') break;
    }
  }
  if (created.length === 0 && failures.length === 0) throw badRequest('No file in the upload (expected "file" fields)');
  if (sessionId && created.length) await attachToSession(db, meetingId, sessionId, created);
  return { documents: await documentViews(db, { ids: created }), failures };
}

/** Appends freshly uploaded documents to a session of the same meeting (uploads are never confidential). */
async function attachToSession(db: Db, meetingId: string, sessionId: string, documentIds: string[]) {
  const [session] = await db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.meetingId, meetingId)));
  if (!session) throw badRequest('sessionId: not a session of this meeting', { field: 'sessionId' });
  const [row] = await db.select({ top: max(sessionDocuments.position) }).from(sessionDocuments).where(eq(sessionDocuments.sessionId, sessionId));
  const start = (row?.top ?? -1) + 1;
  await runBatch(db, documentIds.map((documentId, i) => db.insert(sessionDocuments).values({ sessionId, documentId, position: start + i })));
}
