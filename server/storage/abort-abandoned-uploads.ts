import { eq, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { chunkedUploads } from '../db/schema';
import type { ObjectStore } from './object-store';

/**
 * Chunked uploads with no part since `before` (an organizer who closed the laptop for good):
 * the store's multipart upload is aborted (its parts freed: R2 and S3 bill them, local disk
 * holds them) and the rows go. An abort the store refuses leaves the row for the next sweep.
 */
export async function abortAbandonedUploads(db: Db, store: ObjectStore, before: Date, options: { dryRun?: boolean } = {}): Promise<{ key: string; uploadId: string; initiated: Date }[]> {
  const stale = await db.select().from(chunkedUploads).where(lt(chunkedUploads.touchedAt, before));
  const aborted: { key: string; uploadId: string; initiated: Date }[] = [];
  for (const upload of stale) {
    if (!options.dryRun) {
      // Waiting assembled for a confirmation that never came: the joined object goes instead.
      if (upload.assembledAt) await store.delete(upload.storageKey);
      else if (upload.storeUploadId && store.multipart) await store.multipart.abort(upload.storageKey, upload.storeUploadId);
      await db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id)); // its parts' rows cascade
    }
    aborted.push({ key: upload.storageKey, uploadId: upload.storeUploadId ?? upload.id, initiated: upload.createdAt });
  }
  return aborted;
}

/** The store upload ids of chunked uploads still on record (not abandoned): the store's own stale-upload sweep leaves them. */
export async function liveChunkedUploads(db: Db): Promise<Set<string>> {
  const rows = await db.select({ id: chunkedUploads.storeUploadId }).from(chunkedUploads).where(isNotNull(chunkedUploads.storeUploadId));
  return new Set(rows.map((row) => row.id!));
}
