/**
 * Books and labelled copies on the Node server are made on worker threads (PdfThreadPool),
 * so pdf-lib never holds the event loop that answers delegates: a 10 ms timer keeps ticking
 * while a large book compiles and a large PDF is stamped. The same probe around the
 * in-process implementation (what a Worker runs) sees the loop stall. A thread that crashes or
 * overruns fails its one task with a PdfWorkError and the next task gets a new thread.
 */
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBookTask } from '../../server/books/compile-book';
import type { BookInputs } from '../../server/books/book-inputs';
import { jobs, meetingBooks } from '../../server/db/schema';
import { BUILD_BOOKS } from '../../server/delegate/queue-book-builds';
import { inProcessPdfWork, PdfWorkError, type PdfWork } from '../../server/ports/pdf-work';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';
import { PdfThreadPool } from '../../server/runtime/node/pdf-work/pdf-thread-pool';
import { labelledCopy, stampParts, stampPdfTask } from '../../server/stamps/labelled-copy';
import { makeTextPdf } from '../reader/office-fixtures';
import { makeDomainDb } from '../support/domain-db';
import { makeBookApp } from './book-harness';

const TICK_MS = 10;
/** Pages of the large book and of the large stamped PDF. */
const BOOK_PAGES = 300;
const STAMP_PAGES = 300;

function inputsOf(files: Map<string, Uint8Array>): BookInputs {
  return {
    meetingId: 'm1', scope: 's1',
    meeting: { title: 'Kỳ họp thứ 12 HĐND huyện Gio Linh', venue: 'Hội trường UBND huyện', timezone: 'Asia/Ho_Chi_Minh', startsOn: '2026-12-01', organizer: 'HĐND huyện Gio Linh' },
    sessions: [{ id: 's1', title: 'Phiên thảo luận tổ 2', startsAt: new Date('2026-12-01T01:00:00Z'), endsAt: null, room: 'Phòng họp số 3' }],
    documents: [...files].map(([key, bytes], i) => ({
      id: `doc${i}`, title: `Tờ trình số ${i + 1}`, sessionId: 's1', signature: 'unsigned' as const,
      file: { version: 1, storageKey: key, filename: `${key}.pdf`, contentType: 'application/pdf', size: bytes.length, etag: `"e${i}"` },
    })),
    pinSessionsLeftOut: [], changesAt: null,
  };
}

/** Runs `work` with a 10 ms interval timer beside it: how many ticks, over how long, and the longest wait between two. */
async function withTicker<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number; elapsed: number; longestGap: number }> {
  let ticks = 0;
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const at = performance.now();
    longestGap = Math.max(longestGap, at - last);
    last = at;
    ticks++;
  }, TICK_MS);
  const started = performance.now();
  try {
    const result = await work();
    longestGap = Math.max(longestGap, performance.now() - last);
    return { result, ticks, elapsed: performance.now() - started, longestGap };
  } finally {
    clearInterval(timer);
  }
}

const fonts = readSheetFonts();
const parts = stampParts({ label: 'Bàn 12', meetingTitle: 'Kỳ họp thứ 12', timezone: 'Asia/Ho_Chi_Minh', at: Date.UTC(2026, 11, 1, 2) });

describe('PDF work on worker threads', () => {
  let files: Map<string, Uint8Array>;
  let big: Uint8Array;
  const pool = new PdfThreadPool({ log: () => {} });
  beforeAll(async () => {
    // Two 150-page documents: one 300-page book (and its cover).
    files = new Map([['a', await makeTextPdf(BOOK_PAGES / 2)], ['b', await makeTextPdf(BOOK_PAGES / 2, 48, BOOK_PAGES / 2 + 1)]]);
    big = await makeTextPdf(STAMP_PAGES);
  }, 120_000);
  afterAll(() => pool.close());

  const compile = (work: PdfWork) => work.run(compileBookTask, { inputs: inputsOf(files), fonts }, { readFile: async (key) => files.get(key)?.slice() ?? null, priority: 'background' });
  const stamp = (work: PdfWork, bytes: Uint8Array) => work.run(stampPdfTask, { bytes, parts, fonts, untouchedPages: [] }, { handOver: [bytes], priority: 'delegate' });

  it(`a ${BOOK_PAGES}-page book compiles on a thread while the event loop keeps ticking`, async () => {
    const { result: book, ticks, elapsed, longestGap } = await withTicker(() => compile(pool));
    expect(book.pages).toBe(BOOK_PAGES + book.manifest.coverPages);
    expect((await PDFDocument.load(book.bytes)).getPageCount()).toBe(book.pages);
    // At least half the ticks the elapsed time allows, and never a second without one.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / TICK_MS / 2));
    expect(longestGap).toBeLessThan(1000);
  }, 180_000);

  it(`a ${STAMP_PAGES}-page PDF is stamped on a thread while the event loop keeps ticking`, async () => {
    const { result, ticks, elapsed, longestGap } = await withTicker(() => stamp(pool, big.slice()));
    expect(result.ok).toBe(true);
    if (result.ok) expect((await PDFDocument.load(result.bytes)).getPageCount()).toBe(STAMP_PAGES);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / TICK_MS / 2));
    expect(longestGap).toBeLessThan(1000);
  }, 180_000);

  it('the same probe sees the loop stall when the work runs in place (the in-process implementation)', async () => {
    const book = await withTicker(() => compile(inProcessPdfWork));
    const stamped = await withTicker(() => stamp(inProcessPdfWork, big.slice()));
    // What the assertions above guard against: in place, the loop waits for pdf-lib most of the time.
    expect(book.ticks).toBeLessThan(Math.floor(book.elapsed / TICK_MS / 2));
    expect(stamped.ticks).toBeLessThan(Math.floor(stamped.elapsed / TICK_MS / 2));
  }, 180_000);
});

describe('a PDF thread that fails', () => {
  const fail = (reason: PdfWorkError['reason']) => (error: unknown) => error instanceof PdfWorkError && error.reason === reason;
  let bigBook: Map<string, Uint8Array>;
  beforeAll(async () => {
    bigBook = new Map([['a', await makeTextPdf(200)]]);
  }, 120_000);
  const compile = (work: PdfWork) => work.run(compileBookTask, { inputs: inputsOf(bigBook), fonts }, { readFile: async (key) => bigBook.get(key)?.slice() ?? null, priority: 'background' });
  const stampSmall = async (work: PdfWork) => {
    const bytes = await makeTextPdf(2);
    return work.run(stampPdfTask, { bytes, parts, fonts, untouchedPages: [] }, { handOver: [bytes], priority: 'delegate' });
  };

  it('a crash (out of its capped heap) fails that task only; the next task runs on a new thread', async () => {
    const logged: string[] = [];
    const pool = new PdfThreadPool({ heapMb: 24, log: (line) => logged.push(line) });
    try {
      const error = await compile(pool).catch((e: unknown) => e);
      expect(fail('crashed')(error)).toBe(true);
      expect((error as Error).message).toMatch(/^compile-book: the PDF thread stopped: .*memory limit/);
      expect(logged.join('\n')).toContain('compile-book failed');
      const next = await stampSmall(pool);
      expect(next.ok).toBe(true);
    } finally {
      await pool.close();
    }
  }, 180_000);

  it('a task past its time limit fails with timed_out; the next task runs on a new thread', async () => {
    const pool = new PdfThreadPool({ timeLimitMs: { delegate: 60_000, background: 300 }, log: () => {} });
    try {
      const error = await compile(pool).catch((e: unknown) => e);
      expect(fail('timed_out')(error)).toBe(true);
      expect((error as Error).message).toBe('compile-book ran longer than 300 ms');
      expect(pool.load.threads).toBe(0);
      expect((await stampSmall(pool)).ok).toBe(true);
      expect(pool.load).toEqual({ queued: 0, running: 0, threads: 1 });
    } finally {
      await pool.close();
    }
  }, 180_000);
});

describe('labelled copies through the thread pool', () => {
  let t: Awaited<ReturnType<typeof makeDomainDb>>;
  let original: Uint8Array;
  beforeAll(async () => {
    t = await makeDomainDb();
    original = await makeTextPdf(20);
    await t.store.put('docs/m/d/1', new Blob([original as Uint8Array<ArrayBuffer>]).stream(), { contentType: 'application/pdf' });
  }, 60_000);
  afterAll(() => t.close());

  const source = (signatureStatus: 'unsigned' | 'untrusted' | null) => ({ meetingId: 'm', storageKey: 'docs/m/d/1', etag: '"e1"', contentType: 'application/pdf', signatureStatus });
  const text = (label: string) => ({ label, meetingTitle: 'Kỳ họp thứ 12', timezone: 'Asia/Ho_Chi_Minh', at: Date.parse('2026-12-01T02:00:00Z') });
  const storedBytes = async (key: string) => new Uint8Array(await new Response((await t.store.get(key))!.body).arrayBuffer());
  const stampedKeys = async () => {
    const keys: string[] = [];
    for await (const o of t.store.list()) if (o.key.startsWith('stamped/')) keys.push(o.key);
    return keys;
  };

  it('a stamping whose thread fails serves the original as stored, remembered for that label and day; the next label is stamped', async () => {
    const failing = new PdfThreadPool({ timeLimitMs: { delegate: 1, background: 1 }, log: () => {} });
    const working = new PdfThreadPool({ log: () => {} });
    try {
      expect(await labelledCopy(t.store, async () => fonts, source('unsigned'), text('Bàn 1'), failing)).toEqual({ stamped: false, reason: 'failed' });
      expect(await stampedKeys()).toEqual([]);
      expect(await storedBytes('docs/m/d/1')).toEqual(original);
      // The same label and day is not tried again in this process (a file that ends a thread would end the next one too).
      expect(await labelledCopy(t.store, async () => fonts, source('unsigned'), text('Bàn 1'), working)).toEqual({ stamped: false, reason: 'failed' });
      expect(working.load.threads).toBe(0);
      const copy = await labelledCopy(t.store, async () => fonts, source('unsigned'), text('Bàn 2'), working);
      expect(copy.stamped).toBe(true);
      if (copy.stamped) expect((await PDFDocument.load(await storedBytes(copy.storageKey))).getPageCount()).toBe(20);
      expect(await storedBytes('docs/m/d/1')).toEqual(original);
    } finally {
      await failing.close();
      await working.close();
    }
  }, 120_000);

  it('a signed (or unchecked) PDF never reaches a thread', async () => {
    const pool = new PdfThreadPool({ log: () => {} });
    try {
      expect(await labelledCopy(t.store, async () => fonts, source('untrusted'), text('Bàn 3'), pool)).toEqual({ stamped: false, reason: 'signed' });
      expect(await labelledCopy(t.store, async () => fonts, source(null), text('Bàn 3'), pool)).toEqual({ stamped: false, reason: 'signed' });
      expect(pool.load.threads).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('closing the pool fails what waits and runs (closed), ends its threads, and refuses new work', async () => {
    const pool = new PdfThreadPool({ threads: 1, log: () => {} });
    const bytes = () => makeTextPdf(60);
    const runs = [await bytes(), await bytes()].map((b) => pool.run(stampPdfTask, { bytes: b, parts, fonts, untouchedPages: [] }, { handOver: [b], priority: 'delegate' }).catch((e: unknown) => e));
    expect(pool.load).toEqual({ queued: 1, running: 1, threads: 1 });
    await pool.close();
    for (const error of await Promise.all(runs)) expect(error instanceof PdfWorkError && error.reason === 'closed').toBe(true);
    expect(pool.load).toEqual({ queued: 0, running: 0, threads: 0 });
    const late = await pool.run(stampPdfTask, { bytes: await makeTextPdf(1), parts, fonts, untouchedPages: [] }).catch((e: unknown) => e);
    expect(late instanceof PdfWorkError && late.reason === 'closed').toBe(true);
  }, 60_000);
});

describe('a book job whose thread fails', () => {
  it('fails that run with the thread\'s error, is retried by the job queue, and builds the book the next time', async () => {
    const failing = new PdfThreadPool({ timeLimitMs: { delegate: 60_000, background: 1 }, log: () => {} });
    const working = new PdfThreadPool({ log: () => {} });
    let current: PdfWork = failing;
    const h = await makeBookApp({ pdfWork: { run: (task, input, options) => current.run(task, input, options) } });
    try {
      const meeting = await h.meeting('Kỳ họp thứ 12');
      const session = await h.session(meeting.id, { title: 'Phiên thảo luận tổ 2' });
      const up = await h.admin.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Tờ trình.pdf', bytes: await makeTextPdf(20), type: 'application/pdf' }], { sessionId: session.id });
      expect(up.status).toBe(201);
      await h.publish(meeting.id);
      await h.settle();
      const tried = (await h.db.db.select().from(jobs).where(eq(jobs.kind, BUILD_BOOKS))).filter((j) => j.status !== 'superseded');
      expect(tried).toHaveLength(1);
      expect(tried[0]).toMatchObject({ status: 'queued', attempts: 1, errorDetail: expect.stringContaining('compile-book ran longer than 1 ms') });
      expect(await h.db.db.select().from(meetingBooks)).toEqual([]);
      // The retry's back-off (15 s after a first failure), then a working thread.
      current = working;
      h.clock.now += 16_000;
      await h.settle();
      expect((await h.db.db.select().from(meetingBooks)).map((b) => b.pages).sort()).toEqual([21, 21]);
    } finally {
      await h.close();
      await failing.close();
      await working.close();
    }
  }, 120_000);
});
