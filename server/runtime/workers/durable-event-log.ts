import type { AccessEventInput, AccessRecorder } from '../../ports/access-recorder';
import type { D1Binding, DurableStorage } from './durable-types';

// A flush writes at most this many events per D1 statement. They travel as ONE bound
// parameter (a JSON array read back with json_each), so D1's limit of 100 bound parameters
// per query does not cap the rows per statement; ~170 bytes an event keeps the parameter
// near 85 KB, far below D1's 2 MB per value.
const ROWS_PER_STATEMENT = 500;
// Events read from the object's storage per round of a flush (memory bound while D1 was away).
const ROWS_PER_ROUND = 2000;
// The object's storage deletes at most 128 keys per call.
const KEYS_PER_DELETE = 128;
// 500 ms, not Node's 250: an event is already durable in the object's storage and every stats
// read flushes first, so waiting longer loses nothing and halves the D1 statements when a hall
// scans more slowly than 400 views a second (1,000 views at 100 views/s: at most 20 statements).
export const FLUSH_INTERVAL_MS = 500;
export const FLUSH_AT_EVENTS = 500;

// at, kind, meeting_id, session_id, code_id, label, document_id, device_id, browser, os, is_bot
type EventRow = [number, string, string, string | null, string, string | null, string | null, string, string, string, 0 | 1];

const INSERT = `INSERT INTO access_events (at, kind, meeting_id, session_id, code_id, label, document_id, device_id, browser, os, is_bot)
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
  json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'),
  json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]')
FROM json_each(?1)`;

function rowOf(e: AccessEventInput): EventRow {
  const at = e.at instanceof Date ? e.at.getTime() : Number(e.at);
  return [at, e.kind, e.meetingId, e.sessionId ?? null, e.codeId, e.label ?? null, e.documentId ?? null, e.deviceId, e.browser ?? '', e.os ?? '', e.isBot ? 1 : 0];
}

/**
 * A meeting's access log inside its Durable Object. Each event is put into the object's own
 * storage before the delegate's answer leaves (workerd's output gate holds the answer until
 * the write is durable), then written to D1 in multi-row statements by an alarm every 500 ms,
 * sooner once 500 wait, and at once when the organizer reads the figures.
 *
 * The guarantee: an event whose answer the delegate received is in the object's storage and
 * reaches D1 even if the object is evicted, restarted or moved (the alarm is durable too and
 * is retried while D1 fails). The one case counted twice: the object dies in the few
 * milliseconds between D1 committing a batch and the object deleting it from its storage;
 * the batch is then written again (at least once, never lost).
 */
export class DurableEventLog implements AccessRecorder {
  private pending = 0;
  private alarmAt: number | null = null;
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly storage: DurableStorage, private readonly d1: D1Binding) {}

  /** After a restart: events left in storage get an alarm if none is set. */
  async resume(): Promise<void> {
    this.alarmAt = await this.storage.getAlarm();
    if (this.alarmAt === null && (await this.storage.list({ prefix: 'e:', limit: 1 })).size) this.schedule(0);
  }

  record(event: AccessEventInput): void {
    // Time-ordered, unique keys: the time, a counter, a few random characters (restarts reset the counter).
    const key = `e:${Date.now().toString(36).padStart(9, '0')}:${(this.seq++).toString(36).padStart(5, '0')}:${crypto.randomUUID().slice(0, 8)}`;
    // Not awaited on purpose: the output gate keeps the answer until the put is durable.
    this.storage.put(key, rowOf(event)).catch((error: unknown) => console.error('access log: storage write failed', error));
    this.pending += 1;
    this.schedule(this.pending >= FLUSH_AT_EVENTS ? 0 : FLUSH_INTERVAL_MS);
  }

  /** The alarm handler: writes what is queued; a throw makes workerd retry the alarm. */
  async alarm(): Promise<void> {
    this.alarmAt = null;
    await this.flush();
  }

  /** Writes every stored event to D1 (one flush at a time). */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.writeOut());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number) {
    const at = Date.now() + delayMs;
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    this.storage.setAlarm(at).catch((error: unknown) => console.error('access log: alarm not set', error));
  }

  private async writeOut(): Promise<void> {
    for (;;) {
      const stored = await this.storage.list<EventRow>({ prefix: 'e:', limit: ROWS_PER_ROUND });
      if (stored.size === 0) return;
      const rows = [...stored.values()];
      const statements = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) statements.push(this.d1.prepare(INSERT).bind(JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))));
      // One batch: all of this round's rows land, or none do (and stay in storage for the retry).
      if (statements.length === 1) await statements[0]!.run();
      else await this.d1.batch(statements);
      const keys = [...stored.keys()];
      for (let i = 0; i < keys.length; i += KEYS_PER_DELETE) await this.storage.delete(keys.slice(i, i + KEYS_PER_DELETE));
      this.pending = Math.max(0, this.pending - keys.length);
      if (stored.size < ROWS_PER_ROUND) return;
    }
  }
}
