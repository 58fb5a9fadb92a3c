import type * as pkijs from 'pkijs';

/** Digests a signature may use (weaker ones are refused before any hashing). */
export type DigestName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** An incremental digest; a runtime may hand in a native one (node:crypto, workerd's DigestStream). */
export interface IncrementalHash {
  update(bytes: Uint8Array): void | Promise<void>;
  digest(): Uint8Array | Promise<Uint8Array>;
}

export type HashFactory = (algorithm: DigestName) => IncrementalHash;

/** Root (or intermediate) certificates the admin configured as trusted, parsed once. */
export interface TrustAnchors {
  certificates: pkijs.Certificate[];
  /** SHA-256 over the anchors' fingerprints, sorted: a stored check is stale when it changes. */
  fingerprint: string;
  /** Files or blocks that could not be read as certificates (named so the admin can fix them). */
  rejected: string[];
}

/** What the signature check needs from a runtime: the anchors it loaded and, maybe, a native hash. */
export interface SignaturePorts {
  anchors: TrustAnchors;
  hash?: HashFactory;
}
