import { eq } from 'drizzle-orm';
import { chunkedUploads } from '../../db/schema';
import type { UploadDeps } from '../upload-documents';
import type { ChunkedUploadRow } from './load-chunked-upload';

/** Drops a chunked upload: the store's parts first (a failure leaves the row for the sweep to retry), then its rows. */
export async function abortChunkedUpload(deps: Pick<UploadDeps, 'db' | 'store'>, upload: Pick<ChunkedUploadRow, 'id' | 'storageKey' | 'storeUploadId'>): Promise<void> {
  if (upload.storeUploadId && deps.store.multipart) await deps.store.multipart.abort(upload.storageKey, upload.storeUploadId);
  await deps.db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id)); // its parts' rows cascade
}
