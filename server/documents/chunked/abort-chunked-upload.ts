import { eq } from 'drizzle-orm';
import { chunkedUploads } from '../../db/schema';
import type { UploadDeps } from '../upload-documents';
import type { ChunkedUploadRow } from './load-chunked-upload';

/**
 * Drops a chunked upload: what the store holds first (its parts, or the joined object of an
 * upload waiting for a signature-change confirmation; a failure leaves the row for the sweep
 * to retry), then its rows.
 */
export async function abortChunkedUpload(deps: Pick<UploadDeps, 'db' | 'store'>, upload: Pick<ChunkedUploadRow, 'id' | 'storageKey' | 'storeUploadId' | 'assembledAt'>): Promise<void> {
  // An assembled upload's multipart upload is finished: aborting it would fail on S3 and R2.
  if (upload.assembledAt) await deps.store.delete(upload.storageKey);
  else if (upload.storeUploadId && deps.store.multipart) await deps.store.multipart.abort(upload.storageKey, upload.storeUploadId);
  await deps.db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id)); // its parts' rows cascade
}
