/**
 * The Node server's page counter for the report (count-pages job): poppler's pdfinfo in a child
 * process, so a large or broken file never stalls the server's event loop as an in-process
 * pdf-lib parse of it did (30 MB of noise behind a PDF header held the loop for over a minute).
 */
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfinfoPageCounter } from '../../server/runtime/node/reader/pdfinfo-page-count';
import { makeDomainDb } from '../support/domain-db';

const bodyOf = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });

describe('pdfinfo page counter', () => {
  let t: Awaited<ReturnType<typeof makeDomainDb>>;
  beforeAll(async () => {
    t = await makeDomainDb();
  });
  afterAll(() => t.close());

  const put = async (key: string, bytes: Uint8Array) => {
    await t.store.put(key, bodyOf(bytes), { contentType: 'application/pdf' });
    return key;
  };

  it('counts a real PDF’s pages', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 7; i++) doc.addPage();
    const bytes = await doc.save();
    expect(await pdfinfoPageCounter(t.store)(await put('seven', bytes), bytes.length)).toBe(7);
  });

  it('gives no count for a broken file or a missing object, and the event loop keeps answering meanwhile', async () => {
    const noise = new Uint8Array(30 * 1024 * 1024);
    for (let i = 0; i < noise.length; i += 4096) noise[i] = (i * 2654435761) >>> 24;
    noise.set(new TextEncoder().encode('%PDF-1.7\n'));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const started = Date.now();
    const pages = await pdfinfoPageCounter(t.store)(await put('noise', noise), noise.length);
    clearInterval(timer);
    expect(pages).toBeNull();
    // The timer ran all along: at least half the 50 ms ticks the elapsed time allows.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((Date.now() - started) / 50 / 2));
    expect(await pdfinfoPageCounter(t.store)('no-such-object', 0)).toBeNull();
  }, 120_000);
});
