/**
 * Where failed attempts are counted (logins, password changes, PINs). A port: on Node one
 * process sees every attempt and the memory store is exact; on Workers each isolate has its
 * own memory, so a Durable Object per key can implement the same interface to make the
 * limits global. Methods may answer synchronously or with a promise.
 */
export interface AttemptRecord {
  failures: number;
  /** When the first failure of this record was counted (ms). */
  since: number;
  /** When the last failure was counted (ms). */
  last: number;
}

export interface AttemptStore {
  /** The record for `key`, or undefined when none (or forgotten after `forgetAfterMs` without a failure). */
  read(key: string, now: number, forgetAfterMs: number): AttemptRecord | undefined | Promise<AttemptRecord | undefined>;
  /** Counts one failure; returns the record after it. */
  fail(key: string, now: number, forgetAfterMs: number): AttemptRecord | Promise<AttemptRecord>;
  clear(key: string): void | Promise<void>;
}

/**
 * In-memory counts, bounded: past `maxKeys` the least recently failed keys go first, so a
 * flood of made-up accounts or devices cannot wipe the counts of a real one under attack.
 */
export class MemoryAttemptStore implements AttemptStore {
  private records = new Map<string, AttemptRecord>();

  constructor(private readonly maxKeys = 100_000) {}

  read(key: string, now: number, forgetAfterMs: number): AttemptRecord | undefined {
    const record = this.records.get(key);
    if (record && now - record.last > forgetAfterMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  fail(key: string, now: number, forgetAfterMs: number): AttemptRecord {
    const record = this.read(key, now, forgetAfterMs) ?? { failures: 0, since: now, last: now };
    record.failures += 1;
    record.last = now;
    this.records.delete(key); // re-inserted last: Map order is then least recently failed first
    this.records.set(key, record);
    while (this.records.size > this.maxKeys) this.records.delete(this.records.keys().next().value!);
    return record;
  }

  clear(key: string): void {
    this.records.delete(key);
  }
}
