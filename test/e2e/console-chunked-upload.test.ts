// The console sends a file larger than one part (8 MiB) by the chunked upload protocol: a
// 20 MB file goes in three parts, the test drops the first request of part 2 (page.route, as
// hall Wi-Fi would), the console says it is sending that part again, sends only it, and the
// upload completes with the same bytes on the server.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
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

describe('chunked upload from the console', { timeout: 120_000 }, () => {
  it('sends a 20 MB file in parts, sends a dropped part again, and completes', async () => {
    const meeting = await page.request.post('/api/meetings', { data: { title: 'Kỳ họp chuyên đề' } });
    const meetingId = (await meeting.json()).meeting.id;
    const file = Buffer.concat([1, 2, 3].map((n) => Buffer.from(partOf(11, SIZE, PART, n))));

    const parts: string[] = [];
    let dropped = false;
    await context.route('**/api/uploads/*/parts/*', async (route: Route) => {
      const n = route.request().url().split('/').pop()!;
      parts.push(n);
      if (n === '2' && !dropped) {
        dropped = true;
        return route.abort('connectionreset'); // the hall's Wi-Fi drops this one
      }
      return route.continue();
    });
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
    const parts: string[] = [];
    // Part 2 never gets an answer: the organizer gives up and reloads the page.
    await context.route('**/api/uploads/*/parts/*', async (route: Route) => {
      const n = route.request().url().split('/').pop()!;
      parts.push(n);
      if (n === '2') return; // left hanging
      return route.continue();
    });
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await page.getByTestId('upload-input').setInputFiles(path);
    await expect.poll(() => parts.includes('2'), { timeout: 60_000 }).toBe(true);
    await page.reload();
    await context.unroute('**/api/uploads/*/parts/*');
    const resumed: string[] = [];
    await context.route('**/api/uploads/*/parts/*', async (route: Route) => {
      resumed.push(route.request().url().split('/').pop()!);
      return route.continue();
    });
    await page.getByTestId('upload-input').setInputFiles(path);
    const line = page.getByRole('listitem', { name: 'Báo cáo thẩm tra.pdf' });
    await line.getByText('Tiếp tục lần tải trước: 1/3 phần đã có trên máy chủ.').waitFor({ timeout: 30_000 });
    await line.getByText('Đã tải lên').waitFor({ timeout: 90_000 });
    await context.unroute('**/api/uploads/*/parts/*');
    expect(resumed).toEqual(['2', '3']);
    const documents = (await (await page.request.get(`/api/meetings/${meetingId}/documents`)).json()).documents;
    expect(documents.map((d: { title: string; size?: number }) => d.title)).toEqual(['Báo cáo thẩm tra']);
  });
});
