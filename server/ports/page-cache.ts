/**
 * Delegate data ready to use: the resolved code with its page model (one entry per
 * token) and the rendered, pre-compressed pages. Implementations: delegate/page-cache.ts
 * (in memory on Node, none on Workers, where isolates cannot clear each other).
 */
export interface Expiring {
  /** The entry goes stale by itself at this time (a release time), if ever. */
  validUntil: number;
}

export interface PageCache {
  get(key: string, now: number): Expiring | undefined;
  set(key: string, entry: Expiring): void;
  /** Drops everything: called after any organizer change, so rotations and edits show at once. */
  clear(): void;
}
