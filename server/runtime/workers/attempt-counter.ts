import type { DurableNamespace, DurableState, DurableStorage } from './durable-types';

/** A counted key's failures (the shape of the AttemptStore port's records). */
export interface AttemptRecord {
  failures: number;
  /** When the first failure of this record was counted (ms). */
  since: number;
  /** When the last failure was counted (ms). */
  last: number;
}

type Op = { op: 'read' | 'fail'; now: number; forgetAfterMs: number } | { op: 'clear' };

/**
 * One Durable Object per counted key (wrangler.toml binding ATTEMPTS, named by the key:
 * `account:<email>`, `address:<ip>`…): failed logins counted in one place in the world, so a
 * guesser spreading tries over isolates and locations gets no extra ones. The object handles
 * one request at a time and keeps the record in its own storage, so neither eviction nor a
 * restart resets a count; an alarm deletes the record once it would be forgotten anyway.
 */
export class AttemptCounter {
  private readonly storage: DurableStorage;

  constructor(state: DurableState) {
    this.storage = state.storage;
  }

  async fetch(request: Request): Promise<Response> {
    const op = (await request.json()) as Op;
    if (op.op === 'clear') {
      await this.storage.delete(['record']);
      return Response.json(null);
    }
    let record = await this.storage.get<AttemptRecord>('record');
    if (record && op.now - record.last > op.forgetAfterMs) record = undefined;
    if (op.op === 'fail') {
      record = record ? { ...record, failures: record.failures + 1, last: op.now } : { failures: 1, since: op.now, last: op.now };
      await this.storage.put('record', record);
      // Storage stays bounded: each key's record goes once it has been forgotten.
      await this.storage.setAlarm(Date.now() + op.forgetAfterMs + 1000);
    }
    return Response.json(record ?? null);
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

/** The AttemptStore port (read, fail, clear by key) over one AttemptCounter object per key. */
export class DurableAttemptStore {
  constructor(private readonly counters: DurableNamespace) {}

  private async ask(key: string, op: Op): Promise<AttemptRecord | undefined> {
    const stub = this.counters.get(this.counters.idFromName(key));
    const res = await stub.fetch(new Request('https://attempts.internal/', { method: 'POST', body: JSON.stringify(op) }));
    if (!res.ok) throw new Error(`attempt counter answered ${res.status}`);
    return ((await res.json()) as AttemptRecord | null) ?? undefined;
  }

  read(key: string, now: number, forgetAfterMs: number) {
    return this.ask(key, { op: 'read', now, forgetAfterMs });
  }

  async fail(key: string, now: number, forgetAfterMs: number): Promise<AttemptRecord> {
    return (await this.ask(key, { op: 'fail', now, forgetAfterMs }))!;
  }

  async clear(key: string): Promise<void> {
    await this.ask(key, { op: 'clear' });
  }
}
