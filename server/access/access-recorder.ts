import { runBatch, type Db } from '../db/database';
import { accessEvents } from '../db/schema';
import type { AccessEventInput, AccessEventWriter, AccessRecorder } from '../ports/access-recorder';

export type { AccessEventInput, AccessEventWriter, AccessRecorder } from '../ports/access-recorder';

const ROWS_PER_INSERT = 200; // 12 columns × 200 rows stays far below SQLite's bound-parameter limit

/** The portable writer: multi-row inserts through drizzle, as one batch. */
export function drizzleEventWriter(db: Db): AccessEventWriter {
  return async (batch) => {
    const statements = [];
    for (let i = 0; i < batch.length; i += ROWS_PER_INSERT) statements.push(db.insert(accessEvents).values(batch.slice(i, i + ROWS_PER_INSERT)));
    await runBatch(db, statements);
  };
}

/**
 * Keeps events in memory and writes them in one transaction every `intervalMs`
 * (or sooner when `maxQueued` pile up): one write per batch instead of one per
 * view during a scan burst. A normal shutdown flushes; a hard kill can lose at
 * most the last interval's events. Give it a database (portable writer) or a
 * faster writer of the runtime's own (Node: a prepared better-sqlite3 statement).
 */
export class BatchingRecorder implements AccessRecorder {
  private queue: AccessEventInput[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly writeBatch: AccessEventWriter;

  constructor(target: Db | AccessEventWriter, private readonly intervalMs = 250, private readonly maxQueued = 2000) {
    this.writeBatch = typeof target === 'function' ? target : drizzleEventWriter(target);
  }

  record(event: AccessEventInput): void {
    this.queue.push(event);
    if (this.queue.length >= this.maxQueued) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  get pending(): number {
    return this.queue.length;
  }

  private async write(batch: AccessEventInput[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.writeBatch(batch);
    } catch (error) {
      // Keep the events for the next attempt rather than dropping what delegates did.
      this.queue.unshift(...batch);
      console.error('access log: write failed, will retry', error);
      this.timer ??= setTimeout(() => void this.flush(), this.intervalMs * 4);
    }
  }
}

/** One insert per event, for runtimes that keep no process between requests (Workers: passed to waitUntil). */
export class DirectRecorder implements AccessRecorder {
  constructor(private readonly db: Db) {}
  async record(event: AccessEventInput): Promise<void> {
    await this.db.insert(accessEvents).values(event);
  }
  async flush(): Promise<void> {}
}
