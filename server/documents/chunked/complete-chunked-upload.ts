import { eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/login-sessions';
import { chunkedUploads } from '../../db/schema';
import { DomainError } from '../../domain-error';
import { UploadRefused } from '../receive-file';
import { SNIFF_BYTES, servedFilename, sniffType } from '../sniff-type';
import { attachToSession, recordNewDocument, type UploadDeps } from '../upload-documents';
import { partCountOf } from './chunked-upload-rules';
import { receivedParts, type ChunkedUploadRow } from './load-chunked-upload';
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

/**
 * Joins the parts into the stored file and makes it a document through the same function a
 * single-request upload ends in (recordNewDocument: rows, audit, signature check, reader
 * jobs), with the upload's rows deleted in the same batch. Before that, the assembled file
 * is checked again — its size against the declared one, its type from its own first bytes
 * against part 1's — and refused with nothing visible (the object is deleted).
 */
export async function completeChunkedUpload(deps: UploadDeps, user: SessionUser, upload: ChunkedUploadRow): Promise<string> {
  const { db, store } = deps;
  const count = partCountOf(upload.size, upload.partSize);
  const parts = await receivedParts(db, upload.id);
  const have = new Set(parts.map((p) => p.partNumber));
  const missing: number[] = [];
  for (let n = 1; n <= count && missing.length < 100; n++) if (!have.has(n)) missing.push(n);
  if (missing.length || !upload.storeUploadId) {
    throw new DomainError('upload_incomplete', `The upload is missing ${missing.length === 1 ? `part ${missing[0]}` : `${missing.length}${missing.length === 100 ? '+' : ''} parts`}`, { missingParts: missing });
  }
  const meta = await multipartOf(deps).complete(upload.storageKey, upload.storeUploadId, parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })));
  // From here the object exists: any refusal deletes it, and the rows go, so nothing is left half-made.
  const refuse = async (error: Error): Promise<never> => {
    await store.delete(upload.storageKey).catch(() => {});
    await db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
    throw error;
  };
  if (meta.size !== upload.size) {
    return refuse(new UploadRefused('upload_interrupted', `"${upload.filename}" was not received completely (${meta.size} of ${upload.size} bytes)`, { file: upload.filename }));
  }
  const stored = await store.get(upload.storageKey, { start: 0, end: SNIFF_BYTES - 1 });
  const type = stored && sniffType(await readHead(stored.body, SNIFF_BYTES), upload.filename, meta.size <= SNIFF_BYTES);
  // The assembled file must still be what part 1 said it was (a part 1 written behind the check would show here).
  if (!type || type.contentType !== upload.contentType) {
    return refuse(new UploadRefused('unsupported_type', `"${upload.filename}" is not an accepted document type, or its content does not match its name`, { file: upload.filename }));
  }
  await recordNewDocument(deps, upload.meetingId, user, {
    documentId: upload.documentId, key: upload.storageKey, type, meta, filename: servedFilename(upload.filename, type),
  }, [db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id))]);
  // A session deleted while the parts were on their way: the document stays in the meeting's library.
  if (upload.sessionId) await attachToSession(db, upload.meetingId, upload.sessionId, [upload.documentId]).catch(() => {});
  return upload.documentId;
}
