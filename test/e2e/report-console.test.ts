// The report and the viewing window in the console (issue 19 items 2 and 5), in the browser:
// figures with their units, the meeting code on its own row, the PDF and CSV links, the
// window on the code card and the print panel, and an end before the start refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makePdf } from '../support/sample-files';
import { ANDROID_UA, login, screenshot, startHarness, type Harness } from './console-harness';

let h: Harness;
let page: Page;
let meetingId = '';
const tokens: Record<string, string> = {};
const docs: Record<string, string> = {};

const api = async (method: string, path: string, data?: unknown) => {
  const res = await page.request.fetch(path, { method, data: data as object | undefined, headers: data ? { 'content-type': 'application/json' } : {} });
  return { status: res.status(), body: res.status() === 204 ? null : await res.json() };
};

/**
 * A phone that has been here before: its own device cookie from the start (phones without one,
 * from one test address, would be one device per burst: server/delegate/cookieless-bursts.ts).
 */
let phones = 0;
function phone() {
  const cookie = `qrhop_d=phone-${String(++phones).padStart(2, '0')}-aaaaaaaaaaaaaaaaaaaa`;
  return async (path: string) => {
    const res = await fetch(`${h.server.url}${path}`, { headers: { 'user-agent': ANDROID_UA, 'accept-language': 'vi-VN', cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    return res.status;
  };
}

beforeAll(async () => {
  h = await startHarness();
  ({ page } = await h.newPage());
  await login(page);
  const m = await api('POST', '/api/meetings', { title: 'Kỳ họp thứ 9 HĐND huyện Gio Linh', venue: 'Hội trường UBND huyện', organizer: 'HĐND huyện Gio Linh', startsOn: '2026-12-01', expectedDelegates: 30 });
  meetingId = m.body.meeting.id;
  tokens.meeting = m.body.codes[0].token;
  for (const [key, title, file] of [['s1', 'Phiên khai mạc', 'Báo cáo kinh tế xã hội.pdf'], ['s2', 'Phiên thảo luận tổ 2', 'Dự thảo nghị quyết.pdf']] as const) {
    const s = await api('POST', `/api/meetings/${meetingId}/sessions`, { title });
    const codes = await api('GET', `/api/sessions/${s.body.session.id}/codes`);
    tokens[key] = codes.body.codes[0].token;
    tokens[`${key}code`] = codes.body.codes[0].id;
    const up = await page.request.post(`/api/meetings/${meetingId}/documents`, { multipart: { sessionId: s.body.session.id, file: { name: file, mimeType: 'application/pdf', buffer: Buffer.from(makePdf(key, 2000)) } } });
    expect(up.status()).toBe(201);
    docs[key] = (await up.json()).documents[0].id;
  }
  expect((await api('PATCH', `/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
  // Three phones on session 1's code (two open its report), one on the meeting code opening session 2's draft.
  for (let i = 0; i < 3; i++) {
    const p = phone();
    expect(await p(`/s/${tokens.s1}`)).toBe(200);
    if (i < 2) expect([200, 302]).toContain(await p(`/s/${tokens.s1}/d/${docs.s1}`));
  }
  const viaMeeting = phone();
  await viaMeeting(`/s/${tokens.meeting}`);
  await viaMeeting(`/s/${tokens.meeting}/d/${docs.s2}`);
}, 180_000);
afterAll(async () => {
  expect(h?.pageErrors ?? []).toEqual([]);
  await h?.close();
});

describe('report and viewing window in the console', { timeout: 90_000 }, () => {
  it('shows the report with units, the meeting code on its own row, and the PDF/CSV of the same figures', async () => {
    await page.goto(`/admin/meetings/${meetingId}/report`);
    await expect.poll(() => page.locator('[data-metric="open-devices"]').innerText(), { timeout: 15_000 }).toBe('3 thiết bị');
    expect(await page.locator('[data-metric="coverage"]').innerText()).toBe('10%');
    expect(await page.locator('[data-metric="opens"]').innerText()).toBe('3 lượt mở');
    const table = page.getByRole('table', { name: 'Theo phiên họp (theo mã QR của phiên)' });
    const row = async (name: string) => (await table.getByRole('row', { name }).innerText()).split('\t').map((s) => s.trim());
    expect(await row('Phiên khai mạc')).toEqual(['Phiên khai mạc', '3', '3', '2', '2', '6,7%', '0']);
    // Session 2's draft was opened from the meeting code: on the meeting code's row, not "session 2 · 0 views".
    expect(await row('Phiên thảo luận tổ 2')).toEqual(['Phiên thảo luận tổ 2', '0', '0', '0', '0', '0%', '0']);
    expect(await row('Mã QR chung của hội nghị')).toEqual(['Mã QR chung của hội nghị', '1', '1', '1', '1', '3,3%', '0']);
    await page.getByText('Không phân biệt lượt quét mã QR in với đường link được chuyển tiếp', { exact: false }).waitFor();
    const pdf = await page.request.get(await page.getByRole('link', { name: 'Tải báo cáo PDF (1 trang)' }).getAttribute('href') as string);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const csv = await page.request.get(await page.getByRole('link', { name: 'Xuất số liệu báo cáo (CSV)' }).getAttribute('href') as string);
    expect(await csv.text()).toContain('Mã QR chung của hội nghị,1,1,1,1,3.3,0,0');
    // Every bar's name is shown whole (wrapped, never cut with "…"): "(mã chính, không nhãn)" included.
    const cut = await page.locator('.bar-name').evaluateAll((names) => names.filter((n) => n.scrollWidth > n.clientWidth).map((n) => n.textContent));
    expect(cut).toEqual([]);
    expect(await page.locator('.bar-name', { hasText: '(mã chính, không nhãn)' }).count()).toBe(1);
    await screenshot(page, '20-report', { fullPage: true });
  });

  it('sets the viewing window in the meeting\'s time, refuses an end before the start, and shows it on the code and the print panel', async () => {
    await page.goto(`/admin/meetings/${meetingId}/settings`);
    const panel = page.locator('form.viewing-panel');
    await panel.getByLabel('Mở xem từ — Ngày').fill('01/12/2026');
    await panel.getByLabel('Mở xem từ — Giờ').fill('17:00');
    await panel.getByLabel('Đến — Ngày').fill('01/12/2026');
    await panel.getByLabel('Đến — Giờ').fill('08:00');
    await panel.getByText('Giờ kết thúc phải sau giờ bắt đầu.').waitFor();
    expect(await panel.getByRole('button', { name: 'Lưu thời gian xem' }).isDisabled()).toBe(true);
    await panel.getByLabel('Đến — Giờ').fill('17:30');
    await panel.getByLabel('Mở xem từ — Giờ').fill('07:30');
    await panel.getByLabel('Lời nhắn sau khi hết giờ xem').fill('Tài liệu đã gửi qua hộp thư công vụ.');
    await panel.getByRole('button', { name: 'Lưu thời gian xem' }).click();
    await expect.poll(async () => (await api('GET', `/api/meetings/${meetingId}`)).body.meeting).toMatchObject({
      opensAt: '2026-12-01T00:30:00.000Z', closesAt: '2026-12-01T10:30:00.000Z', closedNote: 'Tài liệu đã gửi qua hộp thư công vụ.', expectedDelegates: 30,
    });
    await screenshot(page, '21-viewing-window');
    await page.goto(`/admin/meetings/${meetingId}/codes`);
    await page.locator('[data-print-window]').first().waitFor();
    expect(await page.locator('[data-print-window]').first().innerText()).toBe('Giờ xem tài liệu: Xem được từ 07:30 01/12/2026 đến 17:30 01/12/2026');
    expect(await page.locator(`[data-window-of]`).first().innerText()).toContain('Xem được từ 07:30 01/12/2026 đến 17:30 01/12/2026');
    await screenshot(page, '22-codes-window', { fullPage: true });
  });
});
