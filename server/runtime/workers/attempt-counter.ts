import { DurableObject } from 'cloudflare:workers';
import type { DurableNamespace, DurableState, DurableStorage } from './durable-types';

/** A counted key's failures (the shape of the AttemptStore port's records). */
export interface AttemptRecord {
  failures: number;
  /** When the first failure of this record was counted (ms). */
  since: number;
  /** When the last failure was counted (ms). */
  last: number;
}

/**
 * One Durable Object per counted key (wrangler.toml binding ATTEMPTS, named by the key:
 * `account:<email>`, `address:<ip>`…): failed logins counted in one place in the world, so a
 * guesser spreading tries over isolates and locations gets no extra ones. The object handles
 * one request at a time and keeps the record in its own storage, so neither eviction nor a
 * restart resets a count; an alarm deletes the record once it would be forgotten anyway.
 * Called by JS RPC (read, fail, clear).
 */
export class AttemptCounter extends DurableObject {
  private readonly storage: DurableStorage;

  constructor(state: DurableState, env: unknown) {
    super(state, env);
    this.storage = state.storage;
  }

  /** The key's record, or null once it has been forgotten. */
  async read(now: number, forgetAfterMs: number): Promise<AttemptRecord | null> {
    const record = await this.storage.get<AttemptRecord>('record');
    return record && now - record.last <= forgetAfterMs ? record : null;
  }

  /** Counts one failure (a forgotten record starts again at 1). */
  async fail(now: number, forgetAfterMs: number): Promise<AttemptRecord> {
    const record = await this.read(now, forgetAfterMs);
    const next = record ? { ...record, failures: record.failures + 1, last: now } : { failures: 1, since: now, last: now };
    await this.storage.put('record', next);
    // Storage stays bounded: each key's record goes once it has been forgotten.
    await this.storage.setAlarm(Date.now() + forgetAfterMs + 1000);
    return next;
  }

  async clear(): Promise<void> {
    await this.storage.delete(['record']);
  }

  /** Each failure moves the alarm on, so it only fires after a whole quiet period: the record is forgotten. */
  async alarm(): Promise<void> {
    await this.storage.delete(['record']);
  }
}

/**
 * The AttemptStore port (read, fail, clear by key) over a Durable Object's own storage: for
 * counts that one object already sees all of (the PIN tries of a meeting's sessions, in the
 * meeting's object), kept across eviction and restarts.
 */
export class StorageAttemptStore {
  constructor(private readonly storage: DurableStorage, private readonly prefix = 'attempt:') {}

  async read(key: string, now: number, forgetAfterMs: number): Promise<AttemptRecord | undefined> {
    const record = await this.storage.get<AttemptRecord>(this.prefix + key);
    if (record && now - record.last > forgetAfterMs) {
      await this.storage.delete([this.prefix + key]);
      return undefined;
    }
    return record;
  }

  async fail(key: string, now: number, forgetAfterMs: number): Promise<AttemptRecord> {
    const record = await this.read(key, now, forgetAfterMs);
    const next = record ? { ...record, failures: record.failures + 1, last: now } : { failures: 1, since: now, last: now };
    await this.storage.put(this.prefix + key, next);
    return next;
  }

  async clear(key: string): Promise<void> {
    await this.storage.delete([this.prefix + key]);
  }
}

/** What the Worker may call on a counter. */
export type AttemptCounterStub = Pick<AttemptCounter, 'read' | 'fail' | 'clear'>;

/** The AttemptStore port (read, fail, clear by key) over one AttemptCounter object per key. */
export class DurableAttemptStore {
  constructor(private readonly counters: DurableNamespace<AttemptCounterStub>) {}

  private counter(key: string): AttemptCounterStub {
    return this.counters.get(this.counters.idFromName(key));
  }

  async read(key: string, now: number, forgetAfterMs: number): Promise<AttemptRecord | undefined> {
    return (await this.counter(key).read(now, forgetAfterMs)) ?? undefined;
  }

  fail(key: string, now: number, forgetAfterMs: number): Promise<AttemptRecord> {
    return this.counter(key).fail(now, forgetAfterMs);
  }

  clear(key: string): Promise<void> {
    return this.counter(key).clear();
  }
}
