import type { Expiring, PageCache } from '../ports/page-cache';

export type { Expiring, PageCache } from '../ports/page-cache';

/** In-process cache for Node, bounded by entry count (the oldest entry goes first). */
export class MemoryPageCache implements PageCache {
  private entries = new Map<string, Expiring>();
  constructor(private readonly maxEntries = 5000) {}

  get(key: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && entry.validUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: Expiring) {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  clear() {
    this.entries.clear();
  }
}

/** For runtimes with many isolates (Workers) where one cannot clear the others' memory: no caching. */
export class NoPageCache implements PageCache {
  get() {
    return undefined;
  }
  set() {}
  clear() {}
}

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A short content hash, URL- and header-safe (24 characters, 144 bits). */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return base64url(digest.subarray(0, 18));
}
