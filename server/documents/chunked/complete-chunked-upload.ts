import { eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/login-sessions';
import { chunkedUploads, documents } from '../../db/schema';
import { DomainError } from '../../domain-error';
import { UploadRefused } from '../receive-file';
import { ApiError } from '../../http/api-error';
import type { ObjectMeta } from '../../storage/object-store';
import { recordReplacement, type ReplaceDeps } from '../change-document';
import type { DocumentView } from '../document-view';
import { SNIFF_BYTES, servedFilename, sniffType, type SniffedType } from '../sniff-type';
import { attachToSession, recordNewDocument, type UploadDeps } from '../upload-documents';
import { partCountOf } from './chunked-upload-rules';
import { documentGone, receivedParts, replacedDocument, type ChunkedUploadRow } from './load-chunked-upload';
import { multipartOf } from './store-part';

async function readHead(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const out = new Uint8Array(limit);
  let filled = 0;
  while (filled < limit) {
    const next = await reader.read();
    if (next.done) break;
    const take = Math.min(next.value.length, limit - filled);
    out.set(next.value.subarray(0, take), filled);
    filled += take;
  }
  await reader.cancel().catch(() => {});
  return out.subarray(0, filled);
}

/** Drops the upload after a refusal once its object exists: the object, then the rows, so nothing is left half-made. */
async function refuse(deps: UploadDeps, upload: ChunkedUploadRow, error: unknown): Promise<never> {
  await deps.store.delete(upload.storageKey).catch(() => {});
  await deps.db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
  throw error;
}

/**
 * Joins the parts into the stored object (or finds it joined, for an upload that waited for a
 * signature-change confirmation) and checks it again — its size against the declared one, its
 * type from its own first bytes against part 1's. A refusal deletes the object and the upload.
 */
async function assembledFile(deps: UploadDeps, upload: ChunkedUploadRow): Promise<{ type: SniffedType; meta: ObjectMeta }> {
  const { db, store } = deps;
  let meta: ObjectMeta | null;
  if (upload.assembledAt) {
    meta = await store.head(upload.storageKey);
    if (!meta) return refuse(deps, upload, new UploadRefused('upload_interrupted', `"${upload.filename}" is no longer held by the server: upload it again`, { file: upload.filename }));
  } else {
    const count = partCountOf(upload.size, upload.partSize);
    const parts = await receivedParts(db, upload.id);
    const have = new Set(parts.map((p) => p.partNumber));
    const missing: number[] = [];
    for (let n = 1; n <= count && missing.length < 100; n++) if (!have.has(n)) missing.push(n);
    if (missing.length || !upload.storeUploadId) {
      throw new DomainError('upload_incomplete', `The upload is missing ${missing.length === 1 ? `part ${missing[0]}` : `${missing.length}${missing.length === 100 ? '+' : ''} parts`}`, { missingParts: missing });
    }
    meta = await multipartOf(deps).complete(upload.storageKey, upload.storeUploadId, parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })));
  }
  // From here the object exists: any refusal deletes it, and the rows go.
  if (meta.size !== upload.size) {
    return refuse(deps, upload, new UploadRefused('upload_interrupted', `"${upload.filename}" was not received completely (${meta.size} of ${upload.size} bytes)`, { file: upload.filename }));
  }
  const stored = await store.get(upload.storageKey, { start: 0, end: SNIFF_BYTES - 1 });
  const type = stored && sniffType(await readHead(stored.body, SNIFF_BYTES), upload.filename, meta.size <= SNIFF_BYTES);
  // The assembled file must still be what part 1 said it was (a part 1 written behind the check would show here).
  if (!type || type.contentType !== upload.contentType) {
    return refuse(deps, upload, new UploadRefused('unsupported_type', `"${upload.filename}" is not an accepted document type, or its content does not match its name`, { file: upload.filename }));
  }
  return { type, meta };
}

/**
 * Makes a new document of the upload through the same function a single-request upload ends
 * in (recordNewDocument: rows, audit, signature check, reader jobs), with the upload's rows
 * deleted in the same batch.
 */
export async function completeChunkedUpload(deps: UploadDeps, user: SessionUser, upload: ChunkedUploadRow): Promise<string> {
  const { db } = deps;
  const { type, meta } = await assembledFile(deps, upload);
  await recordNewDocument(deps, upload.meetingId, user, {
    documentId: upload.documentId, key: upload.storageKey, type, meta, filename: servedFilename(upload.filename, type),
  }, [db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id))]);
  // A session deleted while the parts were on their way: the document stays in the meeting's library.
  if (upload.sessionId) await attachToSession(db, upload.meetingId, upload.sessionId, [upload.documentId]).catch(() => {});
  return upload.documentId;
}

/**
 * Makes the upload its document's next version through the same function the one-request
 * replacement ends in (recordReplacement: version bump, signature-change rule, audit, jobs),
 * with the upload's rows deleted in the same batch. A signature change not confirmed (409)
 * keeps the joined object and the upload, marked assembled, so `confirm=1` afterwards
 * finishes it without a byte sent again. A document deleted meanwhile: `document_gone`,
 * and the upload is dropped.
 */
export async function completeChunkedReplacement(deps: ReplaceDeps, user: SessionUser, upload: ChunkedUploadRow, options: { confirmSignatureChange: boolean }): Promise<DocumentView> {
  const { db, now } = deps;
  await replacedDocument(deps, upload); // before the parts are joined: a deleted document costs no assembly
  const { type, meta } = await assembledFile(deps, upload);
  // Read again after the join (which can take a while), as joined: dropping it now deletes the object.
  const doc = await replacedDocument(deps, { ...upload, assembledAt: new Date(now()) });
  try {
    return await recordReplacement(deps, user, doc, { key: upload.storageKey, type, meta, filename: servedFilename(upload.filename, type) }, {
      ...options, also: [db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id))],
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'signature_change') {
      const at = new Date(now());
      // The organizer is asked; the sweep's clock starts again from the question.
      await db.update(chunkedUploads).set({ assembledAt: at, touchedAt: at }).where(eq(chunkedUploads.id, upload.id));
      throw error;
    }
    // Deleted between the check and the write (the version's row has no document to point to): said precisely.
    const [still] = await db.select({ id: documents.id }).from(documents).where(eq(documents.id, upload.documentId));
    return refuse(deps, upload, still ? error : documentGone(upload));
  }
}
