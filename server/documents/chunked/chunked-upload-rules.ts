import { UPLOAD_PART_BYTES } from '../../../shared/upload-parts';

/** Every part of a chunked upload but the last is exactly this size (why 8 MiB: shared/upload-parts.ts). */
export const PART_BYTES = UPLOAD_PART_BYTES;

/** R2's and S3's most parts per upload. */
export const MAX_PARTS = 10_000;

/** An upload with no part for this long is aborted by the sweep (storage/abort-abandoned-uploads.ts). */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export const partCountOf = (size: number, partSize: number) => Math.max(1, Math.ceil(size / partSize));

/** The exact size part `n` (1-based) must have. */
export function expectedPartSize(size: number, partSize: number, n: number): number {
  const count = partCountOf(size, partSize);
  return n < count ? partSize : size - partSize * (count - 1);
}
