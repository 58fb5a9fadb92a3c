import { and, eq, isNull } from 'drizzle-orm';
import { chunkedUploadParts, chunkedUploads } from '../../db/schema';
import { runBatch } from '../../db/database';
import { DomainError } from '../../domain-error';
import type { MultipartWrites } from '../../storage/object-store';
import { UploadRefused } from '../receive-file';
import { SNIFF_BYTES, servedFilename, sniffType } from '../sniff-type';
import type { UploadDeps } from '../upload-documents';
import { abortChunkedUpload } from './abort-chunked-upload';
import { refuseWhileCompleting } from './claim-completion';
import { expectedPartSize, partCountOf } from './chunked-upload-rules';
import { replacedDocument, type ChunkedUploadRow } from './load-chunked-upload';

export function multipartOf(deps: UploadDeps): MultipartWrites {
  if (!deps.store.multipart) throw new Error('this document store cannot take uploads in parts');
  return deps.store.multipart;
}

/**
 * The exact size part `n` must have; refuses a number outside the upload before its body is
 * read, so a wrong request never costs the server a part's worth of bytes.
 */
export function expectedPart(upload: ChunkedUploadRow, n: number): number {
  const count = partCountOf(upload.size, upload.partSize);
  if (!Number.isSafeInteger(n) || n < 1 || n > count) {
    throw new DomainError('part_out_of_range', `Part ${n} is outside this upload: its parts are numbered 1 to ${count}`, { partCount: count });
  }
  return expectedPartSize(upload.size, upload.partSize, n);
}

export const partSizeMismatch = (n: number, expected: number, got: number | 'more') =>
  new DomainError('part_size_mismatch', `Part ${n} must be exactly ${expected} bytes, got ${got === 'more' ? 'more' : got}`, { partNumber: n, expectedSize: expected });

/**
 * Writes part `n` of a chunked upload (again, when a retry sends it twice: the last one is
 * kept). Part 1 decides the file's type by its first bytes, as a single-request upload does,
 * and starts the store's multipart upload; a refused type aborts the whole upload.
 */
export async function storePart(deps: UploadDeps, upload: ChunkedUploadRow, n: number, bytes: Uint8Array): Promise<void> {
  const expected = expectedPart(upload, n);
  if (bytes.length !== expected) throw partSizeMismatch(n, expected, bytes.length);
  // Joined already, waiting for a signature-change confirmation: a part now would change nothing.
  if (upload.assembledAt) throw new DomainError('upload_assembled', 'All parts are joined: complete the upload (with confirm=1) or delete it', { partNumber: n });
  refuseWhileCompleting(upload, deps.now());
  if (upload.replacesVersion !== null) await replacedDocument(deps, upload);
  const multipart = multipartOf(deps);
  const { db, now } = deps;
  let storeUploadId = upload.storeUploadId;
  if (n === 1) {
    const type = sniffType(bytes.subarray(0, SNIFF_BYTES), upload.filename, upload.size === bytes.length);
    if (!type) {
      await abortChunkedUpload(deps, upload);
      throw new UploadRefused('unsupported_type', `"${upload.filename}" is not an accepted document type (PDF, Word, Excel, PowerPoint, OpenDocument, image or text), or its name does not match its content`, { file: upload.filename });
    }
    if (!storeUploadId) {
      const started = await multipart.create(upload.storageKey, { contentType: type.contentType, metadata: { filename: servedFilename(upload.filename, type) } });
      // Two first parts at once (a retry while the first try still runs): the first recorded id wins.
      await db.update(chunkedUploads).set({ storeUploadId: started, contentType: type.contentType })
        .where(and(eq(chunkedUploads.id, upload.id), isNull(chunkedUploads.storeUploadId)));
      const [row] = await db.select({ storeUploadId: chunkedUploads.storeUploadId }).from(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
      if (!row) {
        await multipart.abort(upload.storageKey, started).catch(() => {});
        throw new DomainError('not_found', 'Upload not found');
      }
      if (row.storeUploadId !== started) await multipart.abort(upload.storageKey, started).catch(() => {});
      storeUploadId = row.storeUploadId;
    }
  }
  if (!storeUploadId) throw new DomainError('upload_not_started', 'Send part 1 first: it decides the file type and starts the upload', { partNumber: 1 });
  const written = await multipart.putPart(upload.storageKey, storeUploadId, n, bytes);
  const at = new Date(now());
  await runBatch(db, [
    db.insert(chunkedUploadParts).values({ uploadId: upload.id, partNumber: n, size: bytes.length, etag: written.etag })
      .onConflictDoUpdate({ target: [chunkedUploadParts.uploadId, chunkedUploadParts.partNumber], set: { size: bytes.length, etag: written.etag } }),
    db.update(chunkedUploads).set({ touchedAt: at }).where(eq(chunkedUploads.id, upload.id)),
  ]);
}
