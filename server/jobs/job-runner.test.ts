import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as schema from '../db/schema';
import { jobs } from '../db/schema';
import { openSqlite, type SqliteHandle } from '../runtime/node/sqlite-client';
import { enqueueJob } from './enqueue-job';
import { JobFailure, type JobHandler } from './job-handler';
import { JobRunner } from './job-runner';

let dir: string;
let sqlite: SqliteHandle;
const now = () => Date.now();
const quiet = () => {};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrhop-jobs-'));
  sqlite = openSqlite(join(dir, 'qrhop.db'));
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

// The test reads rows synchronously (better-sqlite3 under the portable Db type).
const sync = () => sqlite.db as unknown as BetterSQLite3Database<typeof schema>;
const rows = () => sync().select().from(jobs).all();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job runner', () => {
  it('runs at most `concurrency` jobs at once and every job once', async () => {
    let inFlight = 0;
    let most = 0;
    const ran: string[] = [];
    const handler: JobHandler = {
      timeLimitMs: 5000,
      run: async (job) => {
        most = Math.max(most, ++inFlight);
        await sleep(30);
        ran.push(job.subject);
        inFlight--;
      },
    };
    for (let i = 0; i < 7; i++) await enqueueJob(sqlite.db, { kind: 'work', subject: `s${i}` }, now());
    const runner = new JobRunner({ db: sqlite.db, now }, { work: handler }, { concurrency: 2, log: quiet });
    await runner.start();
    await runner.idle();
    expect(most).toBe(2);
    expect(ran.sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(rows().every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    await runner.stop();
  });

  it('leaves kinds it has no handler for in the queue (another process may run them)', async () => {
    await enqueueJob(sqlite.db, { kind: 'check-signature', subject: 'd1' }, now());
    await enqueueJob(sqlite.db, { kind: 'work', subject: 'd2' }, now());
    const runner = new JobRunner({ db: sqlite.db, now }, { work: { timeLimitMs: 1000, run: async () => {} } }, { concurrency: 1, log: quiet });
    await runner.start();
    await runner.idle();
    expect(Object.fromEntries(rows().map((r) => [r.kind, r.status]))).toEqual({ 'check-signature': 'queued', work: 'done' });
    await runner.stop();
  });

  it('a newer job for the same subject supersedes the queued one', async () => {
    await enqueueJob(sqlite.db, { kind: 'work', subject: 'doc', payload: { version: 1 } }, now());
    await enqueueJob(sqlite.db, { kind: 'work', subject: 'doc', payload: { version: 2 } }, now());
    const seen: unknown[] = [];
    const runner = new JobRunner({ db: sqlite.db, now }, { work: { timeLimitMs: 1000, run: async (job) => void seen.push(JSON.parse(job.payload)) } }, { concurrency: 1, log: quiet });
    await runner.start();
    await runner.idle();
    expect(seen).toEqual([{ version: 2 }]);
    expect(rows().map((r) => r.status).sort()).toEqual(['done', 'superseded']);
    await runner.stop();
  });

  it('a run past its time limit is aborted and the job fails with reason timeout', async () => {
    let abortedWith: unknown;
    const failures: string[] = [];
    const handler: JobHandler = {
      timeLimitMs: 150,
      run: (_job, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject((abortedWith = signal.reason)))),
      onFailed: async (_job, failure) => void failures.push(failure.code),
    };
    await enqueueJob(sqlite.db, { kind: 'slow', subject: 'x' }, now());
    const runner = new JobRunner({ db: sqlite.db, now }, { slow: handler }, { concurrency: 1, log: quiet });
    const started = Date.now();
    await runner.start();
    await runner.idle();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(abortedWith).toBeInstanceOf(JobFailure);
    expect(rows()[0]).toMatchObject({ status: 'failed', error: 'timeout', attempts: 1 });
    expect(failures).toEqual(['timeout']);
    await runner.stop();
  });

  it('a handler that ignores its signal loses its slot after the grace time', async () => {
    await enqueueJob(sqlite.db, { kind: 'stuck', subject: 'x' }, now());
    await enqueueJob(sqlite.db, { kind: 'stuck', subject: 'y' }, now());
    const runner = new JobRunner({ db: sqlite.db, now }, { stuck: { timeLimitMs: 100, run: () => new Promise(() => {}) } }, { concurrency: 1, graceMs: 100, log: quiet });
    await runner.start();
    await runner.idle();
    expect(rows().map((r) => r.status)).toEqual(['failed', 'failed']);
    await runner.stop();
  });

  it('transient errors are retried with back-off; a JobFailure without retry ends the job at once', async () => {
    let clock = Date.now();
    const tick = () => clock;
    let calls = 0;
    await enqueueJob(sqlite.db, { kind: 'flaky', subject: 'a' }, clock);
    await enqueueJob(sqlite.db, { kind: 'bad', subject: 'b' }, clock);
    const runner = new JobRunner({ db: sqlite.db, now: tick }, {
      flaky: { timeLimitMs: 1000, maxAttempts: 2, run: async () => { calls++; throw new Error('store down'); } },
      bad: { timeLimitMs: 1000, run: async () => { throw new JobFailure('pdf_password', 'encrypted'); } },
    }, { concurrency: 1, log: quiet });
    await runner.start();
    await runner.idle();
    expect(sync().select().from(jobs).where(eq(jobs.kind, 'bad')).get()).toMatchObject({ status: 'failed', error: 'pdf_password', attempts: 1 });
    expect(sync().select().from(jobs).where(eq(jobs.kind, 'flaky')).get()).toMatchObject({ status: 'queued', error: 'error', attempts: 1 });
    clock += 60_000; // past the back-off
    await runner.idle();
    expect(calls).toBe(2);
    expect(sync().select().from(jobs).where(eq(jobs.kind, 'flaky')).get()).toMatchObject({ status: 'failed', attempts: 2, errorDetail: 'store down' });
    await runner.stop();
  });

  it('a restart resumes unfinished jobs: stop() requeues without counting, a crashed run is picked up again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await enqueueJob(sqlite.db, { kind: 'long', subject: 'a' }, now());
    const first = new JobRunner({ db: sqlite.db, now }, { long: { timeLimitMs: 60_000, run: (_j, { signal }) => new Promise((resolve, reject) => { signal.addEventListener('abort', () => reject(signal.reason)); void gate.then(resolve); }) } }, { concurrency: 1, log: quiet });
    await first.start();
    while (rows()[0]!.status !== 'running') await sleep(5);
    await first.stop();
    expect(rows()[0]).toMatchObject({ status: 'queued', attempts: 0, error: 'interrupted' });

    // A process that died mid-run leaves the row 'running': the next server start takes it again.
    sync().update(jobs).set({ status: 'running', attempts: 1, leaseUntil: new Date(now() + 3600_000) }).run();
    const done: string[] = [];
    const second = new JobRunner({ db: sqlite.db, now }, { long: { timeLimitMs: 60_000, run: async (job) => void done.push(job.subject) } }, { concurrency: 1, log: quiet });
    await second.start({ ownsDatabase: true });
    await second.idle();
    expect(done).toEqual(['a']);
    expect(rows()[0]).toMatchObject({ status: 'done', attempts: 2 });
    release();
    await second.stop();
  });

  it('a job whose runs keep dying is failed instead of run again', async () => {
    await enqueueJob(sqlite.db, { kind: 'crashy', subject: 'a' }, now());
    sync().update(jobs).set({ status: 'running', attempts: 3, leaseUntil: new Date(now() - 1) }).run();
    let ran = false;
    const runner = new JobRunner({ db: sqlite.db, now }, { crashy: { timeLimitMs: 1000, run: async () => void (ran = true) } }, { concurrency: 1, log: quiet });
    await runner.start();
    await runner.idle();
    expect(ran).toBe(false);
    expect(rows()[0]).toMatchObject({ status: 'failed', error: 'too_many_attempts' });
    await runner.stop();
  });
});
