/**
 * The shape of a chunked upload. Every part but the last is exactly PART_BYTES: R2 wants all
 * parts but the last of one size and at least 5 MiB (S3 the same minimum), and 8 MiB keeps
 * each request far under Cloudflare's 100 MB body limit while a 300 MB file still takes
 * only 38 requests. A part cut by hall Wi-Fi costs at most 8 MiB to send again.
 */
export const PART_BYTES = 8 * 1024 * 1024;

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
