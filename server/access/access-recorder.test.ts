import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqlite } from '../runtime/node/sqlite-client';
import { BatchingRecorder, DirectRecorder, type AccessEventInput } from './access-recorder';

// The README's promise: "Access events are written in batches every 250 ms ... a hard kill can lose
// at most the events of the last 250 ms (at most 2,000)". These literals are that sentence.
const FLUSH_INTERVAL_MS = 250;
const MAX_QUEUED = 2000;

const event = (i: number): AccessEventInput => ({ id: i, codeId: 'c', meetingId: 'm', kind: 'view', at: new Date(0), deviceId: 'd' });

describe('BatchingRecorder as the Node server builds it (defaults)', () => {
  let batches: AccessEventInput[][];
  let recorder: BatchingRecorder;
  beforeEach(() => {
    vi.useFakeTimers();
    batches = [];
    recorder = new BatchingRecorder((batch) => void batches.push(batch));
  });
  afterEach(() => vi.useRealTimers());

  it(`writes a queued event ${FLUSH_INTERVAL_MS} ms after it arrived, not before`, async () => {
    recorder.record(event(1));
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS - 1);
    expect(batches).toEqual([]);
    expect(recorder.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches.map((b) => b.length)).toEqual([1]);
    expect(recorder.pending).toBe(0);
  });

  it('does not push the write later when more events keep arriving (the bound holds under a steady stream)', async () => {
    for (let ms = 0; ms < FLUSH_INTERVAL_MS; ms += 10) {
      recorder.record(event(ms));
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(batches.map((b) => b.length)).toEqual([FLUSH_INTERVAL_MS / 10]);
  });

  it(`writes at once when ${MAX_QUEUED} events are queued, in one batch`, async () => {
    for (let i = 0; i < MAX_QUEUED - 1; i++) recorder.record(event(i));
    await Promise.resolve();
    expect(batches).toEqual([]);
    recorder.record(event(MAX_QUEUED));
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.map((b) => b.length)).toEqual([MAX_QUEUED]);
    expect(recorder.pending).toBe(0);
  });

  it('writes nothing when nothing is queued (a flush at shutdown with an empty queue)', async () => {
    await recorder.flush();
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 10);
    expect(batches).toEqual([]);
  });

  it('writes everything queued on flush (a normal stop), in arrival order', async () => {
    for (let i = 0; i < 5; i++) recorder.record(event(i));
    await recorder.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => e.id)).toEqual([0, 1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 10);
    expect(batches).toHaveLength(1); // nothing written twice
  });

  it(`keeps a batch whose write failed and tries again ${4 * FLUSH_INTERVAL_MS} ms later, before newer events`, async () => {
    let fail = true;
    const written: number[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const flaky = new BatchingRecorder((batch) => {
      if (fail) throw new Error('disk full');
      written.push(...batch.map((e) => e.id!));
    });
    flaky.record(event(1));
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    expect(written).toEqual([]);
    expect(flaky.pending).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(4 * FLUSH_INTERVAL_MS - 1);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([1]);
    errors.mockRestore();
  });
});

describe('the recorders on a real SQLite database', () => {
  let dir: string;
  let handle: ReturnType<typeof openSqlite>;
  const rows = () => (handle.sqlite.prepare('select id, kind from access_events order by id').all() as { id: number; kind: string }[]);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qrhop-recorder-'));
    handle = openSqlite(join(dir, 'qrhop.db'));
  });
  afterEach(() => {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the batching recorder writes batches of 400 and 50 events through drizzle, in slices of 200, every one of them', async () => {
    const recorder = new BatchingRecorder(handle.db);
    for (let i = 1; i <= 400; i++) recorder.record(event(i)); // two whole slices, no empty third
    await recorder.flush();
    expect(rows()).toHaveLength(400);
    for (let i = 401; i <= 450; i++) recorder.record(event(i)); // one part slice
    await recorder.flush();
    expect(rows().map((r) => r.id)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(recorder.pending).toBe(0);
  });

  it('the direct recorder (Workers) writes each event at once', async () => {
    const recorder = new DirectRecorder(handle.db);
    await recorder.record(event(7));
    expect(rows()).toEqual([{ id: 7, kind: 'view' }]);
    await recorder.flush();
    expect(rows()).toHaveLength(1);
  });
});
