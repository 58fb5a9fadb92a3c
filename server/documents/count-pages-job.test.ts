import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDomainDb } from '../../test/support/domain-db';
import { documentVersions, jobs } from '../db/schema';
import { createMeeting } from '../meetings/meeting-domain';
import { COUNT_PAGES, countPagesJob, pdfLibPageCounter } from './count-pages-job';
import { storeNewDocument } from './upload-documents';

const bodyOf = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });

async function pdfOf(pages: number) {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return doc.save();
}

/** Page counts for the report: queued with the upload, counted in the background with pdf-lib. */
describe('count-pages job', () => {
  let t: Awaited<ReturnType<typeof makeDomainDb>>;
  beforeAll(async () => {
    t = await makeDomainDb();
  });
  afterAll(() => t.close());

  async function upload(bytes: Uint8Array, name: string) {
    const meeting = await createMeeting(t.db, t.user, { title: 'Họp', venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, t.now());
    const id = await storeNewDocument({ db: t.db, store: t.store, now: t.now, maxUploadBytes: 10 * 1024 * 1024 }, meeting.id, t.user, bodyOf(bytes), name);
    const [job] = await t.db.select().from(jobs).where(and(eq(jobs.kind, COUNT_PAGES), eq(jobs.subject, id)));
    return { id, job };
  }
  const pageCount = async (id: string) => (await t.db.select({ n: documentVersions.pageCount }).from(documentVersions).where(eq(documentVersions.documentId, id)))[0]!.n;
  const run = (job: NonNullable<Awaited<ReturnType<typeof upload>>['job']>, maxBytes = 1024 * 1024) =>
    countPagesJob(pdfLibPageCounter(t.store, maxBytes)).run(job, { db: t.db, now: t.now, signal: new AbortController().signal });

  it('an uploaded PDF gets its page count on its version', async () => {
    const { id, job } = await upload(await pdfOf(7), 'Báo cáo 7 trang.pdf');
    expect(job).toMatchObject({ status: 'queued', payload: '{"version":1}' });
    expect(await pageCount(id)).toBeNull();
    await run(job!);
    expect(await pageCount(id)).toBe(7);
  });

  it('a PDF over the size limit, or broken, keeps no count (the report names it)', async () => {
    const big = await upload(await pdfOf(3), 'Lớn.pdf');
    await run(big.job!, 100);
    expect(await pageCount(big.id)).toBeNull();
    const broken = new TextEncoder().encode('%PDF-1.7\n% cut short');
    const cut = await upload(broken, 'Hỏng.pdf');
    await run(cut.job!);
    expect(await pageCount(cut.id)).toBeNull();
  });

  it('PDFs stored before page counts existed get one count queued by migration 0009, and are counted', async () => {
    const backfill = sql.raw(readFileSync(new URL('../../drizzle/0009_backfill_page_counts.sql', import.meta.url), 'utf8'));
    const queued = async (id: string) => t.db.select().from(jobs).where(and(eq(jobs.kind, COUNT_PAGES), eq(jobs.subject, id), eq(jobs.status, 'queued')));
    // As an older server left them: no count, no job.
    const old = await upload(await pdfOf(4), 'Tờ trình cũ.pdf');
    const text = await upload(new TextEncoder().encode('Chỉ là chữ'), 'Ghi chú cũ.txt');
    await t.db.delete(jobs).where(eq(jobs.subject, old.id));
    // One uploaded since: its job is already queued.
    const recent = await upload(await pdfOf(2), 'Mới.pdf');

    await t.db.run(backfill);
    const [job] = await queued(old.id);
    expect(job).toMatchObject({ status: 'queued', payload: '{"version":1}' });
    expect(await queued(text.id)).toEqual([]);
    expect((await queued(recent.id)).length).toBe(1); // not queued twice
    await t.db.run(backfill); // applied again: nothing more
    expect((await queued(old.id)).length).toBe(1);

    await run(job!);
    expect(await pageCount(old.id)).toBe(4);
  });

  it('other files are not queued', async () => {
    const { job } = await upload(new TextEncoder().encode('Chỉ là chữ'), 'Ghi chú.txt');
    expect(job).toBeUndefined();
  });
});
