/**
 * 9. Meeting books and labelled copies (docs/meeting-book.md), through the running server:
 * how long the job takes to compile a book after publishing, and what stamping a labelled
 * copy costs — the first download of a label and version (the copy is made and stored) and
 * the next ones (served from the store) — per page; and the longest wait of a request answered
 * on the server's event loop (/healthz) while books compile and while a copy is stamped, against
 * the same probe on the idle server.
 */
import { makeTextPdf } from '../reader/office-fixtures';
import { PHONE_HEADERS } from './load';
import { rawGet } from './raw-get';
import { fmt } from './report';
import type { BenchContext } from './sections';

const PAGES = 100;
const CACHED_RUNS = 5;

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The server's event loop as a client sees it: /healthz (answered on that loop) asked every
 * 20 ms, one at a time, until `work` settles; the longest answer is the longest stall seen.
 */
async function longestHealthzWait<T>(url: string, work: Promise<T>): Promise<{ result: T; longest: number }> {
  let done = false;
  const settled = work.finally(() => { done = true; });
  let longest = 0;
  do {
    const started = performance.now();
    await rawGet(`${url}/healthz`, {});
    longest = Math.max(longest, performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  } while (!done);
  return { result: await settled, longest };
}

export async function bookSection(ctx: BenchContext) {
  const { admin } = ctx.seed;
  const url = ctx.server.url;
  ctx.log(`9. meeting book and labelled copies (${PAGES}-page PDF)…`);
  const meetingId = (await admin.post('/api/meetings', { title: 'Kỳ họp thứ 12 HĐND huyện Gio Linh (bench)' })).body.meeting.id as string;
  const sessionId = (await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên thảo luận tổ 2' })).body.session.id as string;
  const token = (await admin.post(`/api/sessions/${sessionId}/codes`, { label: 'Bàn 12' })).body.codes[0].token as string;
  const up = await admin.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Tờ trình 100 trang.pdf', bytes: await makeTextPdf(PAGES) }], { sessionId });
  if (up.status !== 201) throw new Error(`upload: ${up.status}`);
  const documentId = up.body.documents[0].id as string;
  // The phone rendition of 100 pages goes first in the queue (one job at a time on 2 cores): wait for it, so the figure below is the book's own.
  await waitFor('rendition', async () => {
    const list = (await admin.get(`/api/meetings/${meetingId}/documents`)).body.documents as { reader: { status: string } }[];
    return list.every((d) => d.reader.status !== 'waiting' && d.reader.status !== 'working') ? true : null;
  }, 600_000);

  // The baseline for the stalls below: the same probe for 1.5 s while the server is idle.
  const idle = await longestHealthzWait(url, new Promise((r) => setTimeout(r, 1500)));
  const published = performance.now();
  await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' });
  const { result: book, longest: compileStall } = await longestHealthzWait(url, waitFor('book', async () => {
    const r = (await admin.get(`/api/meetings/${meetingId}/books`)).body as { building: boolean; books: { sessionId: string | null; pages: number }[] };
    return !r.building && r.books.find((b) => b.sessionId === sessionId) ? r : null;
  }));
  const buildMs = performance.now() - published;
  const bookPages = book.books.find((b) => b.sessionId === sessionId)!.pages;

  const time = async (path: string) => {
    const started = performance.now();
    const r = await rawGet(url + path, PHONE_HEADERS);
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return performance.now() - started;
  };
  // The baseline: the same download, unstamped (labelled copies off).
  const originalRuns: number[] = [];
  for (let i = 0; i < CACHED_RUNS; i++) originalRuns.push(await time(`/s/${token}/d/${documentId}`));
  const original = median(originalRuns);
  await admin.patch(`/api/meetings/${meetingId}`, { labelledCopies: true });
  const { result: firstDoc, longest: stampStall } = await longestHealthzWait(url, time(`/s/${token}/d/${documentId}`));
  const cachedDoc: number[] = [];
  for (let i = 0; i < CACHED_RUNS; i++) cachedDoc.push(await time(`/s/${token}/d/${documentId}`));
  const firstBook = await time(`/s/${token}/b`);
  const cachedBook: number[] = [];
  for (let i = 0; i < CACHED_RUNS; i++) cachedBook.push(await time(`/s/${token}/b`));
  const perPage = (ms: number, pages: number) => `${fmt.ms(ms)} (${(ms / pages).toFixed(2)} ms/page)`;
  ctx.rows.push(
    { section: '9', measure: `book compiled after publishing (${bookPages} pages)`, qrhop: fmt.ms(buildMs) },
    { section: '9', measure: 'longest /healthz wait while the books compile', qrhop: fmt.ms(compileStall), baseline: fmt.ms(idle.longest), ratio: `${fmt.ratio(compileStall / idle.longest)} (baseline: idle server)` },
    { section: '9', measure: 'longest /healthz wait during the first stamping', qrhop: fmt.ms(stampStall), baseline: fmt.ms(idle.longest), ratio: fmt.ratio(stampStall / idle.longest) },
    { section: '9', measure: `stamped copy, first download (${PAGES} pages)`, qrhop: perPage(firstDoc, PAGES), baseline: fmt.ms(original), ratio: 'baseline: the original, unstamped' },
    { section: '9', measure: 'stamped copy, cached (median of 5)', qrhop: perPage(median(cachedDoc), PAGES), baseline: fmt.ms(original) },
    { section: '9', measure: `stamped book, first download (${bookPages} pages)`, qrhop: perPage(firstBook, bookPages) },
    { section: '9', measure: 'stamped book, cached (median of 5)', qrhop: perPage(median(cachedBook), bookPages) },
  );
}
