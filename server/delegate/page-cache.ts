/** Rendered delegate pages, ready to send: the hot path does no database read while nothing changed. */
export interface CachedPage {
  etag: string;
  html: Uint8Array;
  gzip: Uint8Array;
  br?: Uint8Array;
  /** Data behind the page, to check document requests without another query. */
  meetingId: string;
  codeId: string;
  sessionId: string | null;
  label: string | null;
  documentIds: Set<string>;
  /** The page goes stale by itself at this time (a release time), if any. */
  validUntil: number;
}

export interface PageCache {
  get(key: string, now: number): CachedPage | undefined;
  set(key: string, page: CachedPage): void;
  /** Drops everything: called after any organizer change, so rotations and edits show at once. */
  clear(): void;
}

/** In-process cache for Node, bounded by entry count. */
export class MemoryPageCache implements PageCache {
  private entries = new Map<string, CachedPage>();
  constructor(private readonly maxEntries = 5000) {}

  get(key: string, now: number) {
    const page = this.entries.get(key);
    if (page && page.validUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return page;
  }

  set(key: string, page: CachedPage) {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, page);
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

export async function strongEtag(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return `"${btoa(String.fromCharCode(...digest.subarray(0, 18))).replace(/\+/g, '-').replace(/\//g, '_')}"`;
}
