import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { chunkedUploads } from '../../db/schema';
import { DomainError } from '../../domain-error';
import type { ChunkedUploadRow } from './load-chunked-upload';

/** How long a completion holds its upload: past it, a completion cut by a crash can be asked again. */
export const COMPLETION_LEASE_MS = 5 * 60_000;

const beingCompleted = () => new DomainError('upload_completing', 'This upload is being completed: ask again in a few seconds');

/**
 * Runs one completion of an upload at a time. A console whose completion answer was lost on
 * the hall's Wi-Fi asks again while the first is still joining the parts; run side by side,
 * the second would fail to write the document row and delete the object the first just made.
 * The claim is one conditional UPDATE (atomic in SQLite and D1), released when the completion
 * ends either way (on success the row is gone with the upload).
 */
export async function withCompletionClaim<T>(deps: { db: Db; now: () => number }, upload: Pick<ChunkedUploadRow, 'id'>, complete: () => Promise<T>): Promise<T> {
  const now = deps.now();
  const claimed = await deps.db.update(chunkedUploads)
    .set({ completingUntil: new Date(now + COMPLETION_LEASE_MS), touchedAt: new Date(now) })
    .where(and(eq(chunkedUploads.id, upload.id), or(isNull(chunkedUploads.completingUntil), lte(chunkedUploads.completingUntil, new Date(now)))))
    .returning({ id: chunkedUploads.id });
  if (claimed.length === 0) throw beingCompleted();
  try {
    return await complete();
  } finally {
    await deps.db.update(chunkedUploads).set({ completingUntil: null }).where(eq(chunkedUploads.id, upload.id)).catch(() => {});
  }
}

/** A part or a delete while a completion holds the upload is refused: it would change what is being joined. */
export function refuseWhileCompleting(upload: Pick<ChunkedUploadRow, 'completingUntil'>, now: number): void {
  if (upload.completingUntil && upload.completingUntil.getTime() > now) throw beingCompleted();
}
