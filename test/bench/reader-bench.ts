/**
 * 7. The phone reader: how fast the server renders PDF pages, how much memory a 300-page
 * render takes from the server process, how heavy page 1 is, and what rendering costs the
 * delegate page's throughput. Everything goes through the running server: its job queue
 * renders out of process (poppler) and encodes one page at a time.
 */
import { ApiClient } from '../support/api-client';
import { makeDensePdf, makeScanPdf } from '../reader/office-fixtures';
import { processMemory, resetPeakMemory, sampleMemory } from './child-processes';
import { runLoad } from './load';
import { fmt } from './report';
import type { BenchContext } from './sections';
import type { SeededMeeting } from './seed-meeting';

export const READER_TARGET = { page1DenseKb: 80, rssGrowthMb: 150, throughputDrop: 0.05 };
const MB = 2 ** 20;

interface ReaderState { status: string; pagesDone?: number; pagesTotal?: number | null }

async function readerOf(admin: ApiClient, meetingId: string, documentId: string): Promise<ReaderState> {
  const list = (await admin.get(`/api/meetings/${meetingId}/documents`)).body.documents as { id: string; reader: ReaderState }[];
  return list.find((d) => d.id === documentId)!.reader;
}

/** Waits until no document of the meeting is waiting or being rendered (the seed's PDFs too). */
export async function waitForRenditions(seed: SeededMeeting, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await seed.admin.get(`/api/meetings/${seed.meetingId}/documents`)).body.documents as { reader: ReaderState }[];
    if (!list.some((d) => d.reader.status === 'waiting' || d.reader.status === 'working')) return;
    if (Date.now() > deadline) throw new Error('renditions did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function uploadPdf(ctx: BenchContext, name: string, bytes: Uint8Array): Promise<string> {
  const r = await ctx.seed.admin.upload(`/api/meetings/${ctx.seed.meetingId}/documents`, [{ name, bytes }], { sessionId: ctx.seed.sessionId });
  if (r.status !== 201) throw new Error(`upload ${name}: ${r.status}`);
  return r.body.documents[0].id as string;
}

async function pageOneBytes(ctx: BenchContext, documentId: string): Promise<number> {
  const res = await fetch(`${ctx.server.url}/s/${ctx.seed.token}/r/${documentId}/p/1`);
  return (await res.arrayBuffer()).byteLength;
}

export async function readerSection(ctx: BenchContext) {
  const { seed } = ctx;
  ctx.log('7. reader: rendering speed, memory, page weight, delegate throughput while rendering…');
  await waitForRenditions(seed);
  const pid = ctx.server.child.pid!;

  // Pages per second: a 60-page dense A4 document, from upload to the last page stored.
  const speedDoc = await makeDensePdf(60);
  const started = performance.now();
  const speedId = await uploadPdf(ctx, 'Tốc độ 60 trang.pdf', speedDoc);
  await waitForRenditions(seed);
  const seconds = (performance.now() - started) / 1000;
  const speed = await readerOf(seed.admin, seed.meetingId, speedId);

  // Delegate page throughput idle, then while a 300-page document renders; memory over that render.
  const pageUrl = ctx.server.url + ctx.pagePath;
  const idle = await runLoad({ url: pageUrl, connections: 50, duration: 5, serverPid: pid });
  const big = await makeDensePdf(300);
  resetPeakMemory(pid);
  const before = processMemory(pid).rss;
  const sampler = sampleMemory(pid);
  const bigStarted = performance.now();
  const bigId = await uploadPdf(ctx, 'Hồ sơ 300 trang.pdf', big);
  await new Promise((r) => setTimeout(r, 1500)); // the render is under way
  const busy = await runLoad({ url: pageUrl, connections: 50, duration: 5, serverPid: pid });
  await waitForRenditions(seed, 900_000);
  const bigSeconds = (performance.now() - bigStarted) / 1000;
  const peak = Math.max(sampler.stop(), processMemory(pid).peak ?? 0);
  const bigState = await readerOf(seed.admin, seed.meetingId, bigId);

  // Page 1 weight: a dense text page, and a 200 dpi scan.
  const scanId = await uploadPdf(ctx, 'Bản chụp.pdf', await makeScanPdf(2, { dpi: 200, quality: 80 }));
  await waitForRenditions(seed);
  const dense = await pageOneBytes(ctx, speedId);
  const scan = await pageOneBytes(ctx, scanId);

  const growth = peak - before;
  const drop = 1 - busy.rps / idle.rps;
  const perSecond = (speed.pagesDone ?? 0) / seconds;
  ctx.rows.push(
    { section: '7', measure: 'PDF pages rendered/s, one job (= one core), dense A4 at 860 px', qrhop: `${perSecond.toFixed(1)} (${speed.pagesDone} pages in ${seconds.toFixed(1)} s, upload included)` },
    { section: '7', measure: '300-page PDF: render time, pages', qrhop: `${bigSeconds.toFixed(0)} s, ${bigState.pagesDone} pages (${bigState.status})`, target: 'ready, 300 pages', pass: bigState.status === 'ready' && bigState.pagesDone === 300 },
    { section: '7', measure: '300-page PDF: server RSS growth while rendering', qrhop: `${fmt.mb(growth)} (${fmt.mb(before)} → ${fmt.mb(peak)})`, target: `< ${READER_TARGET.rssGrowthMb} MB`, pass: growth < READER_TARGET.rssGrowthMb * MB },
    { section: '7', measure: 'page 1 size: dense text page', qrhop: `${(dense / 1024).toFixed(0)} KB`, target: `≤ ${READER_TARGET.page1DenseKb} KB`, pass: dense <= READER_TARGET.page1DenseKb * 1024 },
    { section: '7', measure: 'page 1 size: 200 dpi scan', qrhop: `${(scan / 1024).toFixed(0)} KB` },
    { section: '7', measure: 'delegate page req/s: idle → while rendering', qrhop: `${fmt.int(idle.rps)} → ${fmt.int(busy.rps)} (${(drop * 100).toFixed(1)} % less)`, target: `≤ ${READER_TARGET.throughputDrop * 100} % less`, pass: drop <= READER_TARGET.throughputDrop },
  );
}
