// The console sends a file larger than one part (8 MiB) by the chunked upload protocol: a
// 20 MB file goes in three parts, the test drops the first request of part 2 (page.route, as
// hall Wi-Fi would), the console says it is sending that part again, sends only it, and the
// upload completes with the same bytes on the server. Replacing a signed document's file with a
// 20 MB unsigned one goes the same way, and the signature-change question's "yes" completes the
// same upload without a part sent again. After a reload, picking the same file again resumes the
// upload (a new document or a replacement): only the parts the server lacks are sent.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { MiB, partOf } from '../support/chunked-file';
import { login, screenshot, startHarness, writeTemp, type Harness } from './console-harness';

let h: Harness;
let page: Page;
let context: BrowserContext;
const SIZE = 20 * MiB + 4321;
const PART = 8 * MiB;

beforeAll(async () => {
  h = await startHarness({ MAX_UPLOAD_MB: '64' });
  ({ page, context } = await h.newPage());
  await login(page);
}, 180_000);
afterAll(async () => {
  expect(h?.pageErrors ?? []).toEqual([]);
  await h?.close();
});

/** Part numbers as the browser sends them; the first try of part 2 is dropped, as the hall's Wi-Fi would. */
async function dropFirstTryOfPart2(): Promise<string[]> {
  const parts: string[] = [];
  let dropped = false;
  await context.route('**/api/uploads/*/parts/*', async (route: Route) => {
    const n = route.request().url().split('/').pop()!;
    parts.push(n);
    if (n === '2' && !dropped) {
      dropped = true;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  return parts;
}

/** Part numbers as the browser sends them, each answered as usual. */
async function partsSent(): Promise<string[]> {
  const parts: string[] = [];
  await context.route('**/api/uploads/*/parts/*', async (route: Route) => {
    parts.push(route.request().url().split('/').pop()!);
    return route.continue();
  });
  return parts;
}

/** Part numbers as the browser sends them; part 2 is left without an answer. */
async function hangPart2(): Promise<string[]> {
  const parts: string[] = [];
  await context.route('**/api/uploads/*/parts/*', async (route: Route) => {
    const n = route.request().url().split('/').pop()!;
    parts.push(n);
    if (n === '2') return; // left hanging
    return route.continue();
  });
  return parts;
}

describe('chunked upload from the console', { timeout: 120_000 }, () => {
  it('sends a 20 MB file in parts, sends a dropped part again, and completes', async () => {
    const meeting = await page.request.post('/api/meetings', { data: { title: 'Kỳ họp chuyên đề' } });
    const meetingId = (await meeting.json()).meeting.id;
    const file = Buffer.concat([1, 2, 3].map((n) => Buffer.from(partOf(11, SIZE, PART, n))));

    const parts = await dropFirstTryOfPart2();
    const singles: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/meetings/${meetingId}/documents`)) singles.push(r.url());
    });

    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await page.getByTestId('upload-input').setInputFiles({ name: 'Quy hoạch vùng tỉnh 2030.pdf', mimeType: 'application/pdf', buffer: file });
    const line = page.getByRole('listitem', { name: 'Quy hoạch vùng tỉnh 2030.pdf' });
    await line.getByText('Mất kết nối: đang thử gửi lại phần 2/3… Các phần đã gửi được giữ lại.').waitFor({ timeout: 60_000 });
    await screenshot(page, '40-upload-part-retry');
    await line.getByText('Đã tải lên').waitFor({ timeout: 90_000 });
    await context.unroute('**/api/uploads/*/parts/*');

    expect(parts).toEqual(['1', '2', '2', '3']); // part 1 is never sent again
    expect(singles).toEqual([]); // not the one-request upload
    const documents = (await (await page.request.get(`/api/meetings/${meetingId}/documents`)).json()).documents;
    expect(documents.map((d: { title: string }) => d.title)).toEqual(['Quy hoạch vùng tỉnh 2030']);
    const source = await page.request.get(`/api/documents/${documents[0].id}/versions/1/source`);
    const body = await source.body();
    expect(body.length).toBe(SIZE);
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('resumes after a reload when the same file is picked again: the parts already sent stay', async () => {
    const meeting = await page.request.post('/api/meetings', { data: { title: 'Kỳ họp bất thường' } });
    const meetingId = (await meeting.json()).meeting.id;
    // A file on disk, so picking it again gives the browser the same name, size and modification time.
    const path = writeTemp('Báo cáo thẩm tra.pdf', Buffer.concat([1, 2, 3].map((n) => Buffer.from(partOf(12, SIZE, PART, n)))));
    // Part 2 never gets an answer: the organizer gives up and reloads the page.
    const parts = await hangPart2();
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await page.getByTestId('upload-input').setInputFiles(path);
    await expect.poll(() => parts.includes('2'), { timeout: 60_000 }).toBe(true);
    await page.reload();
    await context.unroute('**/api/uploads/*/parts/*');
    const resumed = await partsSent();
    await page.getByTestId('upload-input').setInputFiles(path);
    const line = page.getByRole('listitem', { name: 'Báo cáo thẩm tra.pdf' });
    await line.getByText('Tiếp tục lần tải trước: 1/3 phần đã có trên máy chủ.').waitFor({ timeout: 30_000 });
    await line.getByText('Đã tải lên').waitFor({ timeout: 90_000 });
    await context.unroute('**/api/uploads/*/parts/*');
    expect(resumed).toEqual(['2', '3']);
    const documents = (await (await page.request.get(`/api/meetings/${meetingId}/documents`)).json()).documents;
    expect(documents.map((d: { title: string; size?: number }) => d.title)).toEqual(['Báo cáo thẩm tra']);
  });
  it('resumes a replacement after a reload when the same file is picked again for the same document', async () => {
    const meeting = await page.request.post('/api/meetings', { data: { title: 'Kỳ họp chuyên đề' } });
    const meetingId = (await meeting.json()).meeting.id;
    const first = await page.request.fetch(`/api/meetings/${meetingId}/documents`, { method: 'POST', multipart: { file: { name: 'Kế hoạch.pdf', mimeType: 'application/pdf', buffer: Buffer.from(partOf(14, 4096, 4096, 1)) } } });
    const documentId = (await first.json()).documents[0].id;
    const path = writeTemp('Kế hoạch (bản sửa).pdf', Buffer.concat([1, 2, 3].map((n) => Buffer.from(partOf(15, SIZE, PART, n)))));
    // Part 2 never gets an answer: the organizer gives up and reloads the page.
    const parts = await hangPart2();
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    const row = page.getByRole('row', { name: 'Kế hoạch' });
    await row.getByTestId('replace-input').setInputFiles(path);
    await expect.poll(() => parts.includes('2'), { timeout: 60_000 }).toBe(true);
    await page.reload();
    await context.unroute('**/api/uploads/*/parts/*');
    const resumed = await partsSent();
    await row.getByTestId('replace-input').setInputFiles(path);
    await row.getByText('Phiên bản 2').waitFor({ timeout: 90_000 });
    await context.unroute('**/api/uploads/*/parts/*');
    expect(resumed).toEqual(['2', '3']); // part 1 stayed on the server
    const source = await page.request.get(`/api/documents/${documentId}/versions/2/source`);
    const body = await source.body();
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(Buffer.concat([1, 2, 3].map((n) => Buffer.from(partOf(15, SIZE, PART, n))))).digest('hex'));
  });

  it('replaces a signed document\'s file with a 20 MB one in parts: a dropped part sent again, the question asked, the parts kept', async () => {
    const meeting = await page.request.post('/api/meetings', { data: { title: 'Kỳ họp thường lệ cuối năm' } });
    const meetingId = (await meeting.json()).meeting.id;
    const { ca, signer } = await testSigners();
    const signed = await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:15:00Z') });
    const first = await page.request.fetch(`/api/meetings/${meetingId}/documents`, { method: 'POST', multipart: { file: { name: 'Tờ trình quy hoạch.pdf', mimeType: 'application/pdf', buffer: Buffer.from(signed) } } });
    expect(first.status()).toBe(201);
    const documentId = (await first.json()).documents[0].id;
    await expect.poll(async () => (await (await page.request.get(`/api/meetings/${meetingId}/documents`)).json()).documents[0].signature?.status ?? null, { timeout: 30_000 }).not.toBeNull();
    const file = Buffer.concat([1, 2, 3].map((n) => Buffer.from(partOf(13, SIZE, PART, n))));

    const parts = await dropFirstTryOfPart2();
    const requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname + new URL(r.url()).search;
      if (r.method() !== 'GET' && (path.endsWith('/complete') || path.endsWith('/complete?confirm=1') || path.startsWith(`/api/documents/${documentId}`))) requests.push(`${r.method()} ${path.replace(/\/api\/uploads\/[^/]+/, '/api/uploads/:id')}`);
    });

    await page.goto(`/admin/meetings/${meetingId}/documents`);
    const row = page.getByRole('row', { name: 'Tờ trình quy hoạch' });
    await row.getByTestId('replace-input').setInputFiles({ name: 'Tờ trình quy hoạch (bản cuối).pdf', mimeType: 'application/pdf', buffer: file });
    await row.getByText('Mất kết nối: đang thử gửi lại phần 2/3… Các phần đã gửi được giữ lại.').waitFor({ timeout: 60_000 });
    await screenshot(page, '41-replace-part-retry');
    const dialog = page.getByRole('dialog', { name: 'Thay tệp đã ký số?' });
    await dialog.waitFor({ timeout: 90_000 });
    expect(await dialog.innerText()).toContain('Không ký số');
    await screenshot(page, '42-replace-in-parts-question');
    // Until the answer, delegates still get the signed file: still version 1.
    expect((await (await page.request.get(`/api/meetings/${meetingId}/documents`)).json()).documents[0].version).toBe(1);
    await dialog.getByRole('button', { name: 'Vẫn thay tệp' }).click();
    await page.getByText('Đã thay tệp “Tờ trình quy hoạch” (phiên bản 2)', { exact: false }).waitFor({ timeout: 60_000 });
    await row.getByText('Phiên bản 2').waitFor();
    await row.getByText('Tờ trình quy hoạch (bản cuối).pdf', { exact: false }).waitFor();
    await context.unroute('**/api/uploads/*/parts/*');

    expect(parts).toEqual(['1', '2', '2', '3']); // the "yes" sends no part again
    expect(requests).toEqual([`POST /api/documents/${documentId}/uploads`, 'POST /api/uploads/:id/complete', 'POST /api/uploads/:id/complete?confirm=1']);
    const source = await page.request.get(`/api/documents/${documentId}/versions/2/source`);
    const body = await source.body();
    expect(body.length).toBe(SIZE);
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(file).digest('hex'));
  });
});
