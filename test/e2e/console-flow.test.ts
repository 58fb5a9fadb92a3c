// The organizer's whole evening before a meeting, in a real browser against the real server:
// log in, create the meeting and its agenda, upload (one file refused), attach, publish,
// read the QR off the screen, scan it with a phone, open a document, and see it in the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeExe, makePdf } from '../support/sample-files';
import { ANDROID_UA, decodeQr, login, screenshot, startHarness, TABLET, type Harness } from './console-harness';

const MEETING = 'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12';
const DOC_1 = 'Báo cáo chính trị';
const DOC_2 = 'Dự thảo Nghị quyết';
// As the console's date fields take it: day/month/year.
const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  ({ page } = await h.newPage());
}, 180_000);
afterAll(async () => {
  await h?.close();
});

async function addSession(title: string, from: string, to: string, room: string) {
  await page.getByRole('button', { name: '+ Thêm phiên' }).click();
  await page.getByLabel('Tên phiên').fill(title);
  await page.getByLabel('Bắt đầu').fill(from);
  await page.getByLabel('Kết thúc').fill(to);
  await page.getByLabel('Phòng').fill(room);
  await page.getByRole('button', { name: 'Thêm vào chương trình' }).click();
  await page.getByRole('heading', { name: title, level: 3 }).waitFor();
}

// Generous per-test time: the CI machine has two cores shared with the rest of the suite.
describe('organizer console: prepare a meeting and follow a delegate', { timeout: 90_000 }, () => {
  it('logs in and creates a meeting with two sessions', async () => {
    await page.goto('/admin/');
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await screenshot(page, '01-login');
    await login(page);
    await page.getByText('Chưa có cuộc họp nào').waitFor({ state: 'visible' });

    await page.getByRole('button', { name: '+ Cuộc họp mới' }).click();
    await page.getByLabel('Tên cuộc họp').fill(MEETING);
    await page.getByLabel('Địa điểm').fill('Hội trường UBND huyện Gio Linh');
    await page.getByLabel('Ngày bắt đầu').fill(today);
    await page.getByLabel('Ngày kết thúc').fill(today);
    await page.getByRole('button', { name: 'Tạo cuộc họp' }).click();
    await page.getByRole('heading', { name: MEETING, level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/admin\/meetings\/[\w-]+$/);

    await addSession('Phiên khai mạc', '08:00', '09:30', 'Hội trường A');
    await addSession('Thảo luận dự thảo nghị quyết', '09:45', '11:30', 'Hội trường A');
    const sessions = page.locator('ol.agenda > li');
    await expect.poll(() => sessions.count()).toBe(2);
    // Times are shown in the meeting's timezone, Vietnamese style.
    await expect.poll(() => sessions.first().innerText()).toMatch(/08:00–09:30/);
  });

  it('uploads two PDFs and a disguised executable: the refused file is named, the others are kept', async () => {
    await page.getByRole('link', { name: 'Tài liệu' }).click();
    await page.getByRole('heading', { name: /Thư viện tài liệu/ }).waitFor();
    await page.getByTestId('upload-input').setInputFiles([
      { name: `${DOC_1}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(makePdf('Bao cao chinh tri', 300_000)) },
      { name: 'chuong-trinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makeExe()) },
      { name: `${DOC_2}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(makePdf('Du thao nghi quyet', 120_000)) },
    ]);
    // Two sessions and none chosen: the console asks; these go to the library, attached below.
    await page.getByRole('dialog', { name: 'Gắn 3 tệp vào phiên nào?' }).getByRole('button', { name: 'Không gắn (chỉ đưa vào thư viện)' }).click();
    const refused = page.getByRole('listitem', { name: 'chuong-trinh.pdf' });
    await refused.getByText(/Loại tệp không được chấp nhận/).waitFor();
    for (const title of [DOC_1, DOC_2]) {
      await page.getByRole('listitem', { name: `${title}.pdf` }).getByText('Đã tải lên').waitFor();
      await page.getByRole('row', { name: title }).waitFor();
    }
    await expect.poll(() => page.locator('table.doc-table tbody tr').count()).toBe(2);
    await screenshot(page, '03-documents');
  });

  it('attaches the documents to sessions (from the agenda and from the document dialog)', async () => {
    // From the agenda: session 1 gets the political report.
    await page.getByRole('link', { name: 'Chương trình' }).click();
    const first = page.locator('ol.agenda > li').first();
    await first.getByRole('button', { name: /Tài liệu \(0\)/ }).click();
    await first.getByLabel('Chọn tài liệu để gắn vào phiên').selectOption({ label: DOC_1 });
    await first.getByRole('button', { name: 'Gắn vào phiên' }).click();
    await first.getByRole('button', { name: /Tài liệu \(1\)/ }).waitFor();

    // From the library: the draft resolution goes on session 2.
    await page.getByRole('link', { name: 'Tài liệu' }).click();
    await page.getByRole('row', { name: DOC_2 }).getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa tài liệu' });
    await dialog.getByLabel('2. Thảo luận dự thảo nghị quyết').check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: DOC_2 }).getByText('Thảo luận dự thảo nghị quyết').waitFor();

    await page.getByRole('link', { name: 'Chương trình' }).click();
    await page.locator('ol.agenda > li').first().getByRole('button', { name: /Tài liệu/ }).click();
    await screenshot(page, '02-agenda');
  });

  it('publishes, shows the code panel, and the QR on screen decodes to the code URL', async () => {
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.locator('.meeting-head .badge-published').waitFor();

    await page.getByRole('link', { name: 'Mã QR & in' }).click();
    await page.getByRole('button', { name: /1\. Phiên khai mạc/ }).click();
    const panel = page.getByRole('region', { name: 'Mã QR: Phiên khai mạc' });
    const qr = panel.locator('img.qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const shownUrl = await panel.getByLabel('Đường dẫn của mã').inputValue();
    const decoded = decodeQr(await qr.screenshot());
    expect(decoded).toBe(shownUrl);
    expect(decoded).toMatch(new RegExp(`^${h.server.url}/s/[A-Za-z0-9_-]{22}$`));
    await screenshot(page, '04-codes');

    // The print sheets for the selected session only: a real PDF from the print endpoint.
    const print = page.getByRole('group', { name: 'In tờ mã (PDF)' });
    await print.getByRole('combobox', { name: /^Phiên/ }).selectOption({ label: 'Chỉ phiên đang chọn' });
    await print.getByText('1 mã sẽ được in').waitFor();
    const sheetHref = await print.getByRole('link', { name: 'Thẻ bàn gập' }).getAttribute('href');
    expect(sheetHref).toContain('layout=tent');
    const sheet = await page.request.get(sheetHref!);
    expect(sheet.status()).toBe(200);
    expect(sheet.headers()['content-type']).toBe('application/pdf');
    expect((await sheet.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // A delegate scans it: a phone-sized browser opens the decoded URL and a document.
    const phone = await h.browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: ANDROID_UA, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const mobile = await phone.newPage();
    await mobile.goto(decoded!);
    await mobile.getByRole('heading', { name: MEETING }).waitFor();
    await mobile.getByText(DOC_1).waitFor();
    await screenshot(mobile, '05-delegate-phone');
    // The tap opens the reader in the same page, and its first page shows (once the rendition is made).
    const opened = mobile.waitForResponse((r) => r.url().includes('/r/') && r.status() === 200);
    await mobile.getByRole('link', { name: new RegExp(DOC_1) }).first().click();
    expect((await opened).headers()['content-type']).toBe('text/html; charset=utf-8');
    await mobile.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('.pg img'); return !!img && img.complete && img.naturalWidth > 0; }, undefined, { timeout: 30_000 });
    await phone.close();
  });

  it("shows the delegate's open in the organizer's report", async () => {
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo truy cập' }).waitFor();
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Làm mới' }).click();
      return page.locator('[data-metric="opens"]').innerText();
    }, { timeout: 10_000 }).toBe('1 lượt mở');
    expect(await page.locator('[data-metric="devices"]').innerText()).toBe('1 thiết bị');
    const perDocument = page.getByRole('list', { name: 'Lượt mở theo tài liệu' });
    expect(await perDocument.locator('li').first().innerText()).toMatch(new RegExp(`${DOC_1}[\\s\\S]*1`));
    expect(await page.locator('figure.chart svg rect.bar-opens[height]').evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length)).toBe(1);
    // CSV export of the same events.
    const csvHref = await page.getByRole('link', { name: 'Xuất nhật ký truy cập (CSV)' }).getAttribute('href');
    const csv = await page.request.get(csvHref!);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(DOC_1);
    await screenshot(page, '06-report');
    await screenshot(page, '06-report-full', { fullPage: true });
  });

  it('keeps deep links on reload and stays usable on a tablet', async () => {
    const meetingUrl = page.url().replace(/\/report$/, '');
    // Hashed assets are cached for a year; any other /admin path is the app itself.
    const script = await page.locator('script[type="module"]').getAttribute('src');
    const asset = await page.request.get(script!, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers()['content-encoding']).toBe('br');
    const deep = await page.request.get(`${meetingUrl}/codes`);
    expect(deep.headers()['content-type']).toMatch(/^text\/html/);
    expect(await deep.text()).toContain(script!);
    await page.reload();
    await page.getByRole('heading', { name: 'Báo cáo truy cập' }).waitFor();
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('heading', { name: 'Thông tin cuộc họp' }).waitFor();
    await screenshot(page, '07-settings');
    await page.getByRole('link', { name: 'Cuộc họp', exact: true }).click();
    await page.getByRole('link', { name: new RegExp(MEETING) }).waitFor();
    await screenshot(page, '00-meetings');

    const { page: tablet } = await h.newPage(TABLET);
    await login(tablet);
    await tablet.goto(meetingUrl);
    await tablet.locator('ol.agenda > li').first().getByRole('button', { name: /Tài liệu/ }).click();
    await screenshot(tablet, 'tablet-agenda', { fullPage: true });
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await tablet.goto(`${meetingUrl}/documents`);
    await tablet.getByRole('row', { name: DOC_1 }).waitFor();
    await screenshot(tablet, 'tablet-documents', { fullPage: true });
    const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await tablet.goto(`${meetingUrl}/codes`);
    await tablet.locator('img.qr').first().waitFor();
    await screenshot(tablet, 'tablet-codes', { fullPage: true });
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});
