import type { Expiring, PageCache } from '../../ports/page-cache';

/**
 * The meeting object's page cache: in memory, bounded by entry count (the oldest entry goes
 * first), like Node's MemoryPageCache, and one thing more: an entry built from reads that
 * began before a clear() is served but not kept. The object serves requests while a change
 * is announced, so a page loaded while the organizer's change was being written could
 * otherwise outlive that change until the next one.
 */
export class GuardedPageCache implements PageCache {
  private entries = new Map<string, Expiring>();
  private generation = 0;
  // The generation in which each key was last missed, i.e. when its build began.
  private missedIn = new Map<string, number>();
  constructor(private readonly maxEntries = 5000) {}

  get(key: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && entry.validUntil <= now) this.entries.delete(key);
    else if (entry) return entry;
    if (this.missedIn.size >= this.maxEntries) this.missedIn.clear(); // unknown tokens never set: keep this bounded
    this.missedIn.set(key, this.generation);
    return undefined;
  }

  set(key: string, entry: Expiring) {
    const began = this.missedIn.get(key);
    this.missedIn.delete(key);
    if (began !== this.generation) return; // built across a clear(), or its miss was forgotten: not kept
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  clear() {
    this.generation += 1;
    this.entries.clear();
  }
}
