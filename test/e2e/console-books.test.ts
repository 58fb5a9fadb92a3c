// The organizer's side of meeting books and labelled copies, in the built console on the real server (its job queue builds the books).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { makeVietnamesePdf } from '../support/vietnamese-pdf';
import { login, screenshot, startHarness, type Harness } from './console-harness';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  ({ page } = await h.newPage());
  await login(page);
}, 180_000);
afterAll(async () => {
  expect(h?.pageErrors ?? []).toEqual([]);
  await h?.close();
});

describe('combined files and labelled copies in the console', { timeout: 120_000 }, () => {
  it('lists the books once built, turns labelled copies on, and names the signed PDF left unstamped', async () => {
    const api = async (method: string, path: string, data?: unknown) => {
      const res = await page.request.fetch(path, { method, data, headers: { 'content-type': 'application/json' } });
      return { status: res.status(), body: await res.json() };
    };
    const meetingId = (await api('POST', '/api/meetings', { title: 'Kỳ họp thứ 12 HĐND huyện Gio Linh' })).body.meeting.id;
    const sessionId = (await api('POST', `/api/meetings/${meetingId}/sessions`, { title: 'Phiên thảo luận tổ 2' })).body.session.id;
    const { signer, ca } = await testSigners();
    const files = [
      ['Tờ trình kế hoạch đầu tư.pdf', await makeVietnamesePdf(['Tờ trình', 'trang hai'])],
      ['Quyết định đã ký số.pdf', await signedPdf({ signer, chain: [ca] })],
    ] as const;
    for (const [name, bytes] of files) {
      const res = await page.request.post(`/api/meetings/${meetingId}/documents`, { multipart: { file: { name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) }, sessionId } });
      expect(res.status()).toBe(201);
    }
    expect((await api('PATCH', `/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
    await expect.poll(async () => (await api('GET', `/api/meetings/${meetingId}/books`)).body.books.length, { timeout: 60_000 }).toBe(2);

    await page.goto(`/admin/meetings/${meetingId}/settings`);
    const books = page.getByTestId('books');
    await books.getByText('Phiên thảo luận tổ 2').waitFor();
    await expect.poll(() => books.innerText()).toMatch(/Toàn bộ cuộc họp — 4 trang/);
    const stamps = page.getByTestId('labelled-copies');
    await stamps.getByText('không ngăn được chụp màn hình').waitFor();
    await stamps.getByLabel('Đóng dấu nhãn của mã lên tệp PDF đại biểu tải về').check();
    await page.getByText('Đã bật bản sao có nhãn.').waitFor();
    await stamps.getByText('Quyết định đã ký số — có chữ ký số (đóng dấu sẽ làm hỏng chữ ký)').waitFor();
    expect((await api('GET', `/api/meetings/${meetingId}`)).body.meeting.labelledCopies).toBe(true);
    await screenshot(page, '30-settings-books-labelled-copies', { fullPage: true });
  });
});
