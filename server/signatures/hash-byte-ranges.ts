import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { HashFactory, IncrementalHash } from '../ports/signature-ports';

export type { HashFactory, IncrementalHash } from '../ports/signature-ports';

/**
 * Pure-JS digests (@noble/hashes, audited): the same everywhere, about 50 MB/s here. WebCrypto's
 * digest() takes one whole buffer, which a 50 MB PDF must never become; runtimes pass faster
 * incremental hashes when they have them.
 */
export const portableHash: HashFactory = (algorithm) => {
  const hash = algorithm === 'SHA-512' ? sha512.create() : algorithm === 'SHA-384' ? sha384.create() : sha256.create();
  return { update: (bytes) => void hash.update(bytes), digest: () => hash.digest() };
};

export interface RangeDigest {
  ranges: [number, number, number, number];
  hash: IncrementalHash;
}

/**
 * Feeds each hash the bytes of its two ranges while the stream goes by once: several
 * signatures cost one read of the file, and memory stays at one chunk.
 */
export async function hashByteRanges(body: ReadableStream<Uint8Array>, targets: RangeDigest[]): Promise<Uint8Array[]> {
  const reader = body.getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunkEnd = offset + value.length;
    for (const { ranges, hash } of targets) {
      for (const [start, length] of [[ranges[0], ranges[1]], [ranges[2], ranges[3]]] as const) {
        const from = Math.max(start, offset);
        const to = Math.min(start + length, chunkEnd);
        if (from < to) await hash.update(value.subarray(from - offset, to - offset));
      }
    }
    offset = chunkEnd;
  }
  return Promise.all(targets.map((t) => t.hash.digest()));
}
