import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makeLockedPdf, makePptx, makeScanPdf, makeScriptedPdf, makeXlsx, makeZipBomb, VI } from './office-fixtures';
import { makeReaderApp, type ReaderApp } from './reader-harness';

/** Whether every pixel is gray (R = G = B within the encoder's rounding). */
async function grayPixels(bytes: Buffer): Promise<boolean> {
  const { data, info } = await sharp(bytes).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return true;
  for (let i = 0; i < data.length; i += info.channels) {
    if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 3) return false;
  }
  return true;
}

let docx: Buffer, xlsx: Buffer, pptx: Buffer, scan: Uint8Array;

beforeAll(async () => {
  [docx, scan] = await Promise.all([makeDocx(), makeScanPdf(4)]);
  xlsx = makeXlsx();
  pptx = makePptx();
}, 120_000);

describe('renditions with the real renderers', { timeout: 180_000 }, () => {
  let h: ReaderApp;
  afterEach(async () => h?.close());

  it('a scanned PDF (one image per page) becomes as many light page images, 860 px wide, gray', async () => {
    h = await makeReaderApp();
    const m = await h.openMeeting();
    const doc = await h.uploadFile(m.meetingId, m.sessionId, 'Biên bản đã ký.pdf', scan);
    // Waiting, or already taken by the runner the upload woke.
    expect(['waiting', 'working']).toContain((await h.rendition(doc.id))[0]!.status);
    await h.runner.idle();
    const [row] = await h.rendition(doc.id);
    expect(row).toMatchObject({ status: 'ready', format: 'pages', pagesDone: 4, sourcePages: 4, capped: false, renderer: 'poppler' });
    const pages = await h.pages(doc.id);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    for (const page of pages) {
      expect(page.storageKey).toBe(`renditions/${doc.id}/v1/p${page.page}`);
      const object = await h.store.get(page.storageKey);
      const bytes = Buffer.from(await new Response(object!.body).arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ width: 860, height: page.height });
      expect(page.height).toBeGreaterThan(1200);
      expect(await grayPixels(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(250 * 1024);
      expect(page.text).toBe('');
    }
  });

  it('a .docx becomes sanitized HTML with the exact Vietnamese text, its table, heading, bold, and its image as a separate file', async () => {
    h = await makeReaderApp();
    const m = await h.openMeeting();
    const doc = await h.uploadFile(m.meetingId, m.sessionId, 'Nghị quyết.docx', docx);
    await h.runner.idle();
    expect((await h.rendition(doc.id))[0]).toMatchObject({ status: 'ready', format: 'html', renderer: 'mammoth', pagesDone: 1 });
    const files = await h.pages(doc.id);
    const part = files.find((f) => f.page === 1)!;
    const html = await new Response((await h.store.get(part.storageKey))!.body).text();
    for (const text of [VI.heading, VI.bold, VI.body, VI.cell]) expect(html).toContain(text.normalize('NFC'));
    expect(html).toMatch(/<h1>[^<]*Nghị quyết/);
    expect(html).toMatch(/<(strong|b)>Điều 1\./);
    expect(html).toContain('<table>');
    expect(html).not.toContain('data:');
    expect(html).toMatch(/<img src="img-1\.webp"/);
    const image = files.find((f) => f.page === 1001)!;
    expect(image).toMatchObject({ storageKey: `renditions/${doc.id}/v1/img-1`, contentType: 'image/webp' });
    expect((await sharp(Buffer.from(await new Response((await h.store.get(image.storageKey))!.body).arrayBuffer())).metadata()).format).toBe('webp');
    expect(part.text).toContain(VI.cell);
  });

  it('.xlsx and .pptx go through LibreOffice to pages whose text is the exact Vietnamese', async () => {
    h = await makeReaderApp();
    const m = await h.openMeeting();
    const sheet = await h.uploadFile(m.meetingId, m.sessionId, 'Dự toán.xlsx', xlsx);
    const slides = await h.uploadFile(m.meetingId, m.sessionId, 'Báo cáo.pptx', pptx);
    await h.runner.idle();
    expect((await h.rendition(sheet.id))[0]).toMatchObject({ status: 'ready', format: 'pages', renderer: 'libreoffice+poppler' });
    expect((await h.pages(sheet.id)).map((p) => p.text).join(' ')).toContain(VI.sheet);
    const slidePages = await h.pages(slides.id);
    expect(slidePages.length).toBe(2);
    expect(slidePages[0]!.text).toContain(VI.slide);
    expect(slidePages[0]!.width).toBe(860);
    expect(slidePages[0]!.height).toBeLessThan(860); // a landscape slide
  });

  it('bad input ends as a failed rendition with a reason, while the original stays available', async () => {
    h = await makeReaderApp();
    const m = await h.openMeeting();
    const locked = await h.uploadFile(m.meetingId, m.sessionId, 'Mật.pdf', makeLockedPdf());
    const bomb = await h.uploadFile(m.meetingId, m.sessionId, 'Không phải Word.docx', makeZipBomb());
    const scripted = await h.uploadFile(m.meetingId, m.sessionId, 'Có script.pdf', await makeScriptedPdf());
    await h.runner.idle();
    expect((await h.rendition(locked.id))[0]).toMatchObject({ status: 'failed', error: 'pdf_password' });
    expect((await h.rendition(bomb.id))[0]).toMatchObject({ status: 'failed', error: 'docx_zip_bomb' });
    // Poppler never runs a PDF's JavaScript: the page is rendered like any other.
    expect((await h.rendition(scripted.id))[0]).toMatchObject({ status: 'ready', pagesDone: 1 });
    expect(await h.keys()).not.toContainEqual(expect.stringMatching(new RegExp(`^renditions/(${locked.id}|${bomb.id})/`)));
    const original = await h.phone().fetch(`/s/${m.token}/d/${locked.id}?download=1`);
    expect(original.status).toBe(200);
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(makeLockedPdf());
  });
});

