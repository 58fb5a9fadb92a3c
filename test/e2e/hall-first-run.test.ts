// From an empty data dir with no settings: the set-up screen, the codes' address and its
// kinds, the printed-sheet mismatch warning, files dropped on a session, and Quét thử.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';
import { ANDROID_UA, buildConsole, LAPTOP, screenshot } from './console-harness';

const FIRST = { name: 'Nguyễn Thị Thu', email: 'thu.vp@so.gov.vn', password: 'mat-khau-dau-tien-2026' };
// A non-loopback address of this machine: a request to it arrives from that address, not 127.x.
const LAN = Object.values(networkInterfaces()).flat().find((n) => n && n.family === 'IPv4' && !n.internal)?.address;

let server: RunningServer;
let browser: Browser;
let page: Page;
let meetingId: string;

beforeAll(async () => {
  await buildConsole();
  // No PUBLIC_URL, no admin variables: what a new user's `npm start` gets.
  server = await startServer({ PUBLIC_URL: '', HOST: '0.0.0.0', QRHOP_ADMIN_EMAIL: '', QRHOP_ADMIN_PASSWORD: '' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: LAPTOP, baseURL: server.url, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = (method: string, path: string, body?: unknown) =>
  page.evaluate(async ([m, p, b]) => {
    const res = await fetch(p as string, { method: m as string, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }, [method, path, body] as const);

describe('first run, from the browser', () => {
  it('the terminal prints a one-time set-up code; from another address, without it, nobody can claim the install', async () => {
    const code = /set-up code: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(server.output())?.[1];
    expect(code).toBeDefined();
    if (!LAN) return; // no non-loopback interface on this machine: the app-level test covers the refusal
    const remote = `http://${LAN}:${server.port}`;
    expect(await (await fetch(`${remote}/api/setup`)).json()).toEqual({ needed: true, local: false, codeAvailable: true });
    const refused = await fetch(`${remote}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...FIRST, email: 'intruder@example.org' }) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('setup_code_required');

    // The same screen opened from that address asks for the code, and a wrong one is refused in words.
    const remotePage = await (await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN' })).newPage();
    await remotePage.goto(`${remote}/admin/`);
    await remotePage.getByLabel('Mã thiết lập').fill('AAAA-BBBB-CCCC');
    await remotePage.getByLabel('Họ và tên').fill('Người lạ');
    await remotePage.getByLabel('Email (dùng để đăng nhập)').fill('intruder@example.org');
    await remotePage.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('mat-khau-nguoi-la');
    await remotePage.getByRole('button', { name: 'Tạo tài khoản và vào trang quản trị' }).click();
    await remotePage.getByRole('alert').getByText('Mã thiết lập chưa đúng').waitFor();
    await screenshot(remotePage, 'hall-01b-first-run-remote');
    await remotePage.context().close();
  });

  it('on this machine the console offers "create the first administrator" and logs straight in', async () => {
    await page.goto('/admin/');
    await page.getByRole('heading', { name: 'Tạo tài khoản quản trị đầu tiên' }).waitFor();
    await expect(page.getByText('Bạn đang mở từ chính máy chạy QRHop').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Mã thiết lập').count()).resolves.toBe(0);
    await screenshot(page, 'hall-01-first-run');
    await page.getByLabel('Họ và tên').fill(FIRST.name);
    await page.getByLabel('Email (dùng để đăng nhập)').fill(FIRST.email);
    await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill(FIRST.password);
    await page.getByRole('button', { name: 'Tạo tài khoản và vào trang quản trị' }).click();
    await page.getByRole('heading', { name: 'Cuộc họp', level: 1 }).waitFor();
    // Done once: the same request now gets 409, the screen is gone after a reload.
    expect((await api('POST', '/api/setup', { ...FIRST, email: 'second@example.org' })).status).toBe(409);
  });
});

describe('the evening before', () => {
  it('files dropped onto a session upload into that session; the library says what delegates see; dates follow the console', async () => {
    const made = await api('POST', '/api/meetings', { title: 'Kỳ họp thứ 9 HĐND huyện', startsOn: '2026-12-05' });
    meetingId = made.body.meeting.id;
    await api('POST', `/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc', room: 'Phòng họp số 1', startsAt: '2026-12-05T01:30:00Z' });
    await page.goto(`/admin/meetings/${meetingId}`);
    const card = page.getByRole('article', { name: 'Phiên khai mạc' });
    await card.waitFor();
    // The room reads once, and the day is day/month/year in an English-language browser.
    await expect(card.locator('p').first().innerText()).resolves.toMatch(/^08:30 · .*05\/12\/2026 · Phòng họp số 1$/);
    // Told, not left to be discovered: files can be dropped onto a session.
    await page.getByText('kéo tệp từ máy tính thả vào một phiên để tải lên').waitFor();
    const pdf = Array.from(makePdf('Báo cáo chính trị'));
    await card.evaluate((el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'Bao-cao-chinh-tri.pdf', { type: 'application/pdf' }));
      for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, pdf);
    await card.getByRole('button', { name: 'Tài liệu (1)' }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: /Tài liệu/ }).first().click();
    const row = page.getByRole('row', { name: /Bao-cao-chinh-tri/ });
    await row.getByText('Chờ công bố cuộc họp').waitFor();
    await row.getByText('Phiên khai mạc').waitFor();
    // The documents tab's drop zone takes a drop too (the one session gets it).
    await page.locator('.drop-zone').evaluate((el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'Ke-hoach-to-chuc.pdf', { type: 'application/pdf' }));
      for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, Array.from(makePdf('Kế hoạch tổ chức')));
    await page.getByRole('row', { name: /Ke-hoach-to-chuc/ }).getByText('Phiên khai mạc').waitFor({ timeout: 10_000 });

    // The session form takes day/month/year and 24 h text, not the browser's US format.
    await page.goto(`/admin/meetings/${meetingId}`);
    await card.getByRole('button', { name: 'Sửa' }).click();
    await expect(page.getByLabel('Ngày', { exact: true }).inputValue()).resolves.toBe('05/12/2026');
    await expect(page.getByLabel('Bắt đầu').inputValue()).resolves.toBe('08:30');
    await page.getByRole('button', { name: 'Huỷ' }).click();
  });
});

describe('the library', () => {
  const selected = () => page.getByLabel('Gắn tệp tải lên vào phiên').locator('option:checked').innerText();
  const pdfFile = (name: string, bytes = 0) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(makePdf(name, bytes)) });

  it('uploads into the only session; with more, asks which session (never "not attached" by default) and remembers', async () => {
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await expect.poll(selected).toBe('1. Phiên khai mạc');
    await api('POST', `/api/meetings/${meetingId}/sessions`, { title: 'Thảo luận tổ', room: 'Phòng họp số 2' });
    await page.reload();
    await expect.poll(selected).toBe('Hỏi khi tải tệp lên');

    await page.getByTestId('upload-input').setInputFiles([pdfFile('To-trinh.pdf', 3_000_000), pdfFile('Du-thao.pdf')]);
    const dialog = page.getByRole('dialog', { name: 'Gắn 2 tệp vào phiên nào?' });
    await dialog.waitFor();
    await screenshot(page, 'hall-08-ask-session');
    await dialog.getByRole('button', { name: '2. Thảo luận tổ' }).click();
    for (const name of ['To-trinh', 'Du-thao']) await page.getByRole('row', { name: new RegExp(name) }).getByText('Thảo luận tổ').waitFor();
    await expect.poll(selected).toBe('2. Thảo luận tổ');
    // In the order they were picked: files for one session upload one after another.
    const detail = (await api('GET', `/api/meetings/${meetingId}`)).body;
    const titleOf = (id: string) => detail.documents.find((d: { id: string }) => d.id === id).title;
    expect(detail.sessions[1].documentIds.map(titleOf)).toEqual(['To-trinh', 'Du-thao']);

    // The next files go where the last ones went, without asking again.
    await page.getByTestId('upload-input').setInputFiles([pdfFile('Phu-luc.pdf')]);
    await page.getByRole('row', { name: /Phu-luc/ }).getByText('Thảo luận tổ').waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    // "Library only" stays possible, chosen on purpose; every row says what delegates see.
    await page.getByLabel('Gắn tệp tải lên vào phiên').selectOption({ label: 'Không gắn (chỉ đưa vào thư viện)' });
    await page.getByTestId('upload-input').setInputFiles([pdfFile('Ghi-chu.pdf')]);
    await page.getByRole('row', { name: /Ghi-chu/ }).getByText('Chưa gắn phiên').first().waitFor();
    const states = await page.locator('.doc-state-text').allInnerTexts();
    expect(states).toHaveLength(6);
    for (const state of states) expect(state.trim()).not.toBe('');
    await screenshot(page, 'hall-09-library');
  });
});

describe("the codes' address", () => {
  const codesTab = async () => {
    await page.goto(`/admin/meetings/${meetingId}/codes`);
    await page.getByRole('heading', { name: 'Địa chỉ trong mã' }).waitFor();
  };
  const panel = () => page.locator('.address-panel');

  it('shows the guess, then each kind in plain words; the code URLs follow the stored address', async () => {
    await codesTab();
    await expect(panel().getByText('QRHop tự đoán').isVisible()).resolves.toBe(true);
    for (const [url, kind, words, shot] of [
      [server.url.replace('127.0.0.1', 'localhost'), 'local', 'sẽ KHÔNG mở được', 'hall-02-address-local'],
      ['http://192.168.1.20:3000', 'lan', 'Chỉ điện thoại bắt cùng mạng Wi-Fi', 'hall-03-address-lan'],
      ['https://qr.so-noi-vu.gov.vn', 'public', 'Mọi điện thoại có Internet', 'hall-04-address-public'],
    ] as const) {
      await panel().getByRole('button', { name: 'Đổi địa chỉ…' }).click();
      await panel().getByLabel(/^Địa chỉ \(ví dụ/).fill(url);
      await panel().getByRole('button', { name: 'Lưu địa chỉ' }).click();
      await page.locator(`.address-panel[data-kind="${kind}"]`).waitFor();
      await expect(panel().locator('.address-url').innerText()).resolves.toBe(url);
      await expect(panel().getByText(words).isVisible()).resolves.toBe(true);
      // The panel and the code cards reload side by side: the cards may follow a moment later.
      await expect.poll(() => page.locator('.code-card input').first().inputValue()).toMatch(new RegExp(`^${url.replace(/[.]/g, '\\.')}/s/`));
      await screenshot(page, shot);
    }
  });

  it('after printing with one address and changing it, warns with the number of sheets and codes', async () => {
    await api('PUT', '/api/base-url', { url: 'http://192.168.1.20:3000' });
    const sessionId = (await api('GET', `/api/meetings/${meetingId}`)).body.sessions[0].id;
    await api('POST', `/api/sessions/${sessionId}/codes`, { labels: ['Bàn 1', 'Bàn 2', 'Bàn 3'] });
    const printed = await page.request.get(`/api/meetings/${meetingId}/sheets.pdf?layout=tent&variants=all&meeting=1`);
    expect(printed.status()).toBe(200);
    expect(printed.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Mã QR - Kỳ họp thứ 9 HĐND huyện')}`);
    // Another meeting's sheet (its meeting code) printed with the same address.
    const other = (await api('POST', '/api/meetings', { title: 'Hội nghị tổng kết năm' })).body.meeting.id;
    expect((await page.request.get(`/api/meetings/${other}/sheets.pdf?layout=a4&meeting=1`)).status()).toBe(200);
    await api('PUT', '/api/base-url', { url: 'http://10.10.0.5:3000' });
    await codesTab();
    const warning = panel().locator('.address-stale');
    await warning.waitFor();
    // Meeting code + 2 session codes + 3 tables = 6 codes on 1 print run.
    await expect(warning.innerText()).resolves.toBe('Cảnh báo: 1 lần in tờ mã trước đây mang địa chỉ http://192.168.1.20:3000, nhưng mã QR hiện dẫn tới http://10.10.0.5:3000. 6 mã đã in sẽ KHÔNG mở được. Hãy in lại, hoặc đặt lại địa chỉ cũ.');
    // The admin who sets the address also sees what it breaks in every meeting: 2 print runs, 7 codes.
    await expect(panel().locator('.address-stale-all').innerText()).resolves.toBe('Tính cả các kỳ họp khác: 2 lần in, 7 mã đã in mang địa chỉ http://192.168.1.20:3000 (không phải http://10.10.0.5:3000) sẽ KHÔNG mở được. Hãy in lại ở từng kỳ họp, hoặc đặt lại địa chỉ cũ.');
    await screenshot(page, 'hall-05-mismatch-warning');
    // Set back: the warnings go.
    await api('PUT', '/api/base-url', { url: 'http://192.168.1.20:3000' });
    await codesTab();
    await expect(page.locator('.address-stale, .address-stale-all').count()).resolves.toBe(0);
  });
});

describe('Quét thử', () => {
  it('a phone opening the test code shows in the console within two seconds, with its browser, round trip and secure context', async () => {
    await api('PUT', '/api/base-url', { url: server.url });
    await page.goto(`/admin/meetings/${meetingId}/codes`);
    await page.getByRole('button', { name: 'Tạo mã quét thử' }).click();
    const url = await page.locator('.test-scan .mono').innerText();
    expect(url).toMatch(new RegExp(`^${server.url}/t/[A-Za-z0-9_-]{22}$`));
    await page.getByText('Đang chờ điện thoại quét…').waitFor();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: `${ANDROID_UA} Zalo android/12100719`, isMobile: true, hasTouch: true });
    const phonePage = await phone.newPage();
    await phonePage.goto(url);
    const opened = Date.now();
    await phonePage.getByText('Điện thoại đã kết nối được tới máy chủ').waitFor();
    await page.getByText('Điện thoại đã kết nối tới máy chủ').waitFor({ timeout: 2000 });
    expect(Date.now() - opened).toBeLessThan(2000);
    const result = page.locator('.test-scan-result');
    await result.getByText(/^\d+ ms$/).waitFor({ timeout: 5000 });
    await expect(result.innerText()).resolves.toMatch(/Zalo · Android[\s\S]*\d+ ms[\s\S]*có/);
    await phonePage.getByText(/Thời gian phản hồi: \d+ ms/).waitFor();
    await phonePage.screenshot({ path: 'test-output/screenshots/hall-07-test-scan-phone.png' });
    await screenshot(page, 'hall-06-test-scan');
    await phone.close();

    // Never a delegate view: the meeting's report has no device and no view.
    await new Promise((r) => setTimeout(r, 500)); // past the access recorder's 250 ms batch
    const stats = await api('GET', `/api/meetings/${meetingId}/stats`);
    expect(stats.body.totals).toMatchObject({ views: 0, devices: 0 });
  });
});
