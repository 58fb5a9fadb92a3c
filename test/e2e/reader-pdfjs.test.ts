// The console renders a PDF with PDF.js when its server cannot (here: the Node server started
// without poppler or LibreOffice on its PATH, as on a machine without them; the Worker takes
// the same path, see test/workers/reader.workers.test.ts for its API) and uploads the pages.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVietnamesePdf } from '../support/vietnamese-pdf';
import { ANDROID_UA, login, screenshot, SCREENSHOTS, startHarness, type Harness } from './console-harness';

let h: Harness;
let page: Page;
let context: BrowserContext;
const requested: string[] = [];
// Twelve pages, each with its own title to find in its text layer.
const TITLES = ['Tờ trình số 45/TTr-UBND về dự toán ngân sách', 'Phụ lục I: Chỉ tiêu kinh tế – xã hội', 'Phụ lục II: Danh mục công trình',
  ...Array.from({ length: 9 }, (_, i) => `Phụ lục ${i + 3}: Bảng tổng hợp kinh phí`)];

const api = async (method: string, path: string, data?: unknown) => {
  const res = await page.request.fetch(path, { method, data: data as object | undefined, headers: data ? { 'content-type': 'application/json' } : {} });
  return { status: res.status(), body: res.status() === 204 ? null : await res.json() };
};

beforeAll(async () => {
  // An empty PATH: the server finds neither pdftoppm nor soffice and says it renders no PDFs.
  h = await startHarness({ PATH: mkdtempSync(join(tmpdir(), 'qrhop-no-tools-')) });
  ({ page, context } = await h.newPage());
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
}, 180_000);
afterAll(async () => {
  expect(h?.pageErrors ?? []).toEqual([]);
  await h?.close();
});

describe('the console renders PDFs for the reader when the server cannot', { timeout: 120_000 }, () => {
  let meetingId: string;
  let sessionId: string;

  it('loads no PDF.js while there is no PDF to render', async () => {
    await login(page);
    meetingId = (await api('POST', '/api/meetings', { title: 'Kỳ họp thứ 12 HĐND tỉnh' })).body.meeting.id;
    sessionId = (await api('POST', `/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc' })).body.session.id;
    expect(h.server.output()).toContain('poppler-utils not found');
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await page.getByRole('heading', { name: 'Tài liệu' }).waitFor();
    expect(requested.filter((p) => /pdf-pages|pdf\.worker/.test(p))).toEqual([]);
  });

  it('renders a 12-page PDF with PDF.js and uploads the pages: the rendition is ready, with the text exact', async () => {
    const pdf = await makeVietnamesePdf(TITLES);
    const res = await page.request.post(`/api/meetings/${meetingId}/documents`, { multipart: { sessionId, file: { name: 'Tờ trình dự toán.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) } } });
    expect(res.status()).toBe(201);
    const documentId = (await res.json()).documents[0].id;
    const started = Date.now();
    await page.reload();
    await page.getByText('Đã tạo bản đọc cho “Tờ trình dự toán” (12 trang).').waitFor({ timeout: 60_000 }).catch(async (error) => {
      await screenshot(page, 'reader-pdfjs-console-failed');
      throw new Error(`${error}\n${await page.locator('.reader-panel').innerText().catch(() => 'no panel')}\n${h.pageErrors.join('\n')}`);
    });
    console.log(`browser rendition of ${TITLES.length} pages: ${Date.now() - started} ms from page load to ready`);
    expect(requested.some((p) => /\/assets\/pdf-pages-.*\.js$/.test(p))).toBe(true);
    expect(requested.filter((p) => p.includes(`/api/documents/${documentId}/versions/1/rendition/pages/`))).toHaveLength(12);
    await screenshot(page, 'reader-pdfjs-console-done');

    const state = await api('GET', `/api/documents/${documentId}/versions/1/rendition`);
    expect(state.body.rendition).toMatchObject({ status: 'ready', format: 'pages', renderer: 'browser-pdfjs', pagesDone: 12, sourcePages: 12 });
    // Page images are WebP, 860 px wide (A4 → 1,217 px high), and each page's text came from PDF.js's text layer.
    const { inspectRendition } = await import('../support/inspect-rendition');
    const rows = inspectRendition(h.server.dataDir, documentId);
    expect(rows.map((r) => [r.page, r.content_type, r.width])).toEqual(TITLES.map((_, i) => [i + 1, 'image/webp', 860]));
    rows.forEach((r, i) => expect(r.text).toContain(TITLES[i]!.normalize('NFC')));
    for (const r of rows.slice(0, 3)) console.log(`page ${r.page}: ${r.width}×${r.height}, ${r.bytes} bytes`);
    // Page 1 as stored, in a PNG to look at.
    const sharp = (await import('sharp')).default;
    await sharp(readFileSync(join(h.server.dataDir, 'objects', ...rows[0]!.storage_key.split('/')))).png().toFile(join(SCREENSHOTS, 'reader-pdfjs-page1.png'));

    // The delegate's phone then reads those pages in the reader page.
    expect((await api('PATCH', `/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
    const token = (await api('GET', `/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    const phone = await h.browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: ANDROID_UA, baseURL: h.server.url, locale: 'vi-VN' });
    try {
      const reader = await phone.newPage();
      await reader.goto(`/s/${token}/r/${documentId}`);
      const first = reader.locator('img').first();
      await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(860);
      await reader.screenshot({ path: join(SCREENSHOTS, 'reader-pdfjs-phone-390.png') });
    } finally {
      await phone.close();
    }
  });

  it('says that an .xlsx needs LibreOffice, with the CLI command to run', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const res = await page.request.post(`/api/meetings/${meetingId}/documents`, { multipart: { file: { name: 'Dự toán chi tiết.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await zip.generateAsync({ type: 'uint8array' })) } } });
    expect(res.status()).toBe(201);
    await page.reload();
    const notice = page.locator('[data-reader-office]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('1 tệp Office (Dự toán chi tiết.xlsx) chưa có bản đọc: máy chủ này không có LibreOffice.');
    expect(await notice.locator('code').innerText()).toBe(`npx qrhop renditions build --server ${h.server.url} --email admin@example.org`);
    await screenshot(page, 'reader-office-needs-libreoffice');
  });
});
