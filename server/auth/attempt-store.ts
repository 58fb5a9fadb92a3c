import type { AttemptRecord, AttemptStore } from '../ports/attempt-store';

export type { AttemptRecord, AttemptStore } from '../ports/attempt-store';

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
