// The console's editing features, each checked in the browser and against the API:
// login errors, agenda reordering by keyboard and by drag, rename, new file version,
// the confidential refusal, rotating a code, table variants, users, English, expired login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { makePdf } from '../support/sample-files';
import { ADMIN, login, screenshot, startHarness, type Harness } from './console-harness';

let h: Harness;
let page: Page;
let context: BrowserContext;
let meetingId: string;
const sessionIds: string[] = [];
const docIds: string[] = [];

const api = async (method: string, path: string, data?: unknown) => {
  const res = await page.request.fetch(path, { method, data: data as object | undefined, headers: data ? { 'content-type': 'application/json' } : {} });
  return { status: res.status(), body: res.status() === 204 ? null : await res.json() };
};
const agendaTitles = () => page.locator('ol.agenda > li h3.session-title').allInnerTexts();
const apiAgenda = async () => (await api('GET', `/api/meetings/${meetingId}`)).body.sessions.map((s: { title: string }) => s.title);

beforeAll(async () => {
  // A small upload limit, so the console's own refusal of a too-big file can be seen without a huge file.
  h = await startHarness({ MAX_UPLOAD_MB: '1' });
  ({ page, context } = await h.newPage());
}, 180_000);
afterAll(async () => {
  expect(h?.pageErrors ?? []).toEqual([]);
  await h?.close();
});

// Generous per-test time: the CI machine has two cores shared with the rest of the suite.
describe('organizer console features', { timeout: 90_000 }, () => {
  it('says clearly when the password is wrong', async () => {
    await page.goto('/admin/');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Sai email hoặc mật khẩu. Vui lòng kiểm tra lại.');
    await screenshot(page, '08-login-wrong-password');
    await login(page);
  });

  it('seeds a meeting through the API for the next steps', async () => {
    const created = await api('POST', '/api/meetings', { title: 'Kỳ họp thứ 9 HĐND tỉnh khoá XVIII', venue: 'Hội trường Trung tâm Hội nghị tỉnh' });
    meetingId = created.body.meeting.id;
    for (const title of ['Khai mạc', 'Báo cáo kinh tế – xã hội', 'Bế mạc']) {
      sessionIds.push((await api('POST', `/api/meetings/${meetingId}/sessions`, { title, room: 'Hội trường lớn' })).body.session.id);
    }
    for (const [name, text] of [['Tờ trình ngân sách.pdf', 'To trinh'], ['Báo cáo tài chính.pdf', 'Bao cao']] as const) {
      const res = await page.request.post(`/api/meetings/${meetingId}/documents`, { multipart: { file: { name, mimeType: 'application/pdf', buffer: Buffer.from(makePdf(text, 20_000)) } } });
      expect(res.status()).toBe(201);
      docIds.push((await res.json()).documents[0].id);
    }
    expect(await apiAgenda()).toEqual(['Khai mạc', 'Báo cáo kinh tế – xã hội', 'Bế mạc']);
  });

  it('reorders the agenda with the arrow keys on the handle, and by dragging it', async () => {
    await page.goto(`/admin/meetings/${meetingId}`);
    await page.getByRole('heading', { name: 'Bế mạc', level: 3 }).waitFor();
    const handle = page.getByRole('button', { name: 'Di chuyển “Bế mạc”' });
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(agendaTitles).toEqual(['Khai mạc', 'Bế mạc', 'Báo cáo kinh tế – xã hội']);
    // Focus stays on the moved item's handle, so the key can be pressed again.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Di chuyển “Bế mạc”');
    await page.keyboard.press('ArrowUp');
    await expect.poll(agendaTitles).toEqual(['Bế mạc', 'Khai mạc', 'Báo cáo kinh tế – xã hội']);
    await expect.poll(apiAgenda).toEqual(['Bế mạc', 'Khai mạc', 'Báo cáo kinh tế – xã hội']);
    // The ↓ button keeps the focus as its item moves: Enter moves it again.
    await page.getByRole('button', { name: 'Chuyển “Bế mạc” xuống' }).click();
    await expect.poll(apiAgenda).toEqual(['Khai mạc', 'Bế mạc', 'Báo cáo kinh tế – xã hội']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Chuyển “Bế mạc” xuống');
    await page.keyboard.press('Enter');
    await expect.poll(apiAgenda).toEqual(['Khai mạc', 'Báo cáo kinh tế – xã hội', 'Bế mạc']);

    // Drag "Khai mạc" by its handle below "Báo cáo kinh tế – xã hội" (pointer events: mouse, pen or finger).
    const from = await page.getByRole('button', { name: 'Di chuyển “Khai mạc”' }).boundingBox();
    const below = await page.locator('ol.agenda > li').nth(1).boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    // In small steps down to the bottom edge of the next item: past its middle, so it is dropped after it.
    const distance = below!.y + below!.height - (from!.y + from!.height / 2);
    for (let step = 1; step <= 8; step++) await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2 + (distance * step) / 8);
    await page.mouse.up();
    await expect.poll(apiAgenda).toEqual(['Báo cáo kinh tế – xã hội', 'Khai mạc', 'Bế mạc']);
    await expect.poll(agendaTitles).toEqual(['Báo cáo kinh tế – xã hội', 'Khai mạc', 'Bế mạc']);
  });

  it('shows each upload with its progress and speed, cancels one, and refuses a too-big file before sending it', async () => {
    await page.getByRole('link', { name: 'Tài liệu' }).click();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // A slow hall uplink: 100 KB/s.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 100 * 1024 });
    // The console refuses a file over the limit before sending it (the server would refuse it too, after
    // the hall's uplink had carried it): so exactly one upload request leaves the browser, the small file's.
    // (An XHR's multipart body is not visible to the test, postDataBuffer() is null: requests are counted.)
    let uploads = 0;
    const onRequest = (r: import('playwright-core').Request) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/meetings/${meetingId}/documents`)) uploads++;
    };
    page.on('request', onRequest);
    await page.getByTestId('upload-input').setInputFiles([
      { name: 'Phụ lục dài.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('Phu luc', 900_000)) },
      { name: 'Bản đồ quy hoạch.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('Ban do', 1_500_000)) },
    ]);
    await page.getByRole('dialog', { name: 'Gắn 2 tệp vào phiên nào?' }).getByRole('button', { name: 'Không gắn (chỉ đưa vào thư viện)' }).click();
    const big = page.getByRole('listitem', { name: 'Bản đồ quy hoạch.pdf' });
    await big.getByText('Tệp quá lớn: tối đa 1 MB mỗi tệp.').waitFor();
    const slow = page.getByRole('listitem', { name: 'Phụ lục dài.pdf' });
    const progress = slow.getByRole('progressbar', { name: 'Tiến độ tải lên Phụ lục dài.pdf' });
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(5);
    expect(await slow.locator('.upload-progress').innerText()).toMatch(/^\d+% · [\d,]+ (KB|B)\/s$/);
    await screenshot(page, '15-upload-progress');
    await slow.getByRole('button', { name: 'Huỷ tải lên Phụ lục dài.pdf' }).click();
    await slow.getByText('Đã huỷ').waitFor();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    page.off('request', onRequest);
    expect(uploads).toBe(1); // Phụ lục dài.pdf (its progress was seen above), never Bản đồ quy hoạch.pdf
    const titles = (await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents.map((d: { title: string }) => d.title);
    expect(titles.sort()).toEqual(['Báo cáo tài chính', 'Tờ trình ngân sách']);
    await page.getByRole('button', { name: 'Xoá các dòng đã xong' }).click();
  });

  it('edits a session (time, room) and deletes one after confirming', async () => {
    await page.getByRole('link', { name: 'Chương trình' }).click();
    const card = page.getByRole('article', { name: 'Bế mạc' });
    await card.getByRole('button', { name: 'Sửa' }).click();
    await page.getByLabel('Tên phiên').fill('Bế mạc kỳ họp');
    await page.getByLabel('Ngày', { exact: true }).fill('10/07/2026');
    await page.getByLabel('Bắt đầu').fill('16:00');
    await page.getByLabel('Kết thúc').fill('16:45');
    await page.getByLabel('Phòng').fill('Phòng 201');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const edited = page.getByRole('article', { name: 'Bế mạc kỳ họp' });
    await expect.poll(() => edited.locator('p').first().innerText()).toMatch(/^16:00–16:45 · .*10\/07\/2026 · Phòng 201$/);
    const saved = (await api('GET', `/api/meetings/${meetingId}`)).body.sessions.find((x: { id: string }) => x.id === sessionIds[2]);
    // Typed in the meeting's timezone (UTC+7): 16:00 in Hà Nội is 09:00 UTC.
    expect(saved).toMatchObject({ title: 'Bế mạc kỳ họp', startsAt: '2026-07-10T09:00:00.000Z', endsAt: '2026-07-10T09:45:00.000Z', room: 'Phòng 201' });

    const extra = (await api('POST', `/api/meetings/${meetingId}/sessions`, { title: 'Phiên dự phòng' })).body.session.id;
    await page.reload();
    await page.getByRole('article', { name: 'Phiên dự phòng' }).getByRole('button', { name: 'Xoá' }).click();
    await page.getByRole('dialog', { name: 'Xoá phiên?' }).getByRole('button', { name: 'Xoá' }).click();
    await page.getByRole('article', { name: 'Phiên dự phòng' }).waitFor({ state: 'detached' });
    expect((await api('GET', `/api/meetings/${meetingId}`)).body.sessions.some((x: { id: string }) => x.id === extra)).toBe(false);
  });

  it('renames a document', async () => {
    await page.getByRole('link', { name: 'Tài liệu' }).click();
    await page.getByRole('row', { name: 'Tờ trình ngân sách' }).getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa tài liệu' });
    await dialog.getByLabel('Tên hiển thị cho đại biểu').fill('Tờ trình dự toán ngân sách 2026');
    await dialog.getByLabel('Ẩn với đại biểu cho tới thời điểm:').check();
    await dialog.getByLabel('Ngày', { exact: true }).fill('10/07/2026');
    await dialog.getByLabel('Bắt đầu').fill('14:30');
    await screenshot(page, '09-document-dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('row', { name: 'Tờ trình dự toán ngân sách 2026' }).waitFor();
    const docs = (await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents;
    expect(docs.find((d: { id: string }) => d.id === docIds[0])).toMatchObject({ title: 'Tờ trình dự toán ngân sách 2026', releaseAt: '2026-07-10T07:30:00.000Z' });
    await page.getByRole('row', { name: 'Tờ trình dự toán ngân sách 2026' }).getByText(/^(Phát hành|Đã phát hành) 14:30 10\/07\/2026$/).waitFor();
  });

  it('replaces a file with a new version, keeping the document', async () => {
    const row = page.getByRole('row', { name: 'Báo cáo tài chính' });
    await row.getByTestId('replace-input').setInputFiles({ name: 'Báo cáo tài chính (sửa).pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('Bao cao v2', 30_000)) });
    await page.getByText('Đã thay tệp “Báo cáo tài chính” (phiên bản 2)', { exact: false }).waitFor();
    await row.getByText('Phiên bản 2').waitFor();
    await row.getByText('Báo cáo tài chính (sửa).pdf', { exact: false }).waitFor();
    const doc = (await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents.find((d: { id: string }) => d.id === docIds[1]);
    expect(doc).toMatchObject({ id: docIds[1], version: 2, filename: 'Báo cáo tài chính (sửa).pdf' });
  });

  it('shows each document\'s phone reader state, updating by itself, and previews the reader as a delegate would', async () => {
    const row = page.getByRole('row', { name: 'Báo cáo tài chính' });
    // The new version's rendition is made in the background: the row follows it without a reload.
    await row.getByText(/^Bản đọc: sẵn sàng \(1 trang\)$/).waitFor({ timeout: 30_000 });
    await screenshot(page, '17-reader-status');
    const [preview] = await Promise.all([context.waitForEvent('page'), row.getByRole('link', { name: 'Xem bản đọc của “Báo cáo tài chính” như đại biểu (mở thẻ mới)' }).click()]);
    await preview.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('.pg img'); return !!img && img.complete && img.naturalWidth === 860; });
    expect(await preview.locator('h1').textContent()).toBe('Báo cáo tài chính');
    await preview.close();
  });

  it('explains why a confidential document cannot stay on a published meeting', async () => {
    expect((await api('PUT', `/api/sessions/${sessionIds[0]}/documents`, { documentIds: [docIds[1]] })).status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.locator('.meeting-head .badge-published').waitFor();
    await page.getByRole('row', { name: 'Báo cáo tài chính' }).getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa tài liệu' });
    await dialog.getByLabel('Đánh dấu là tài liệu mật').check();
    // The warning shows before saving…
    await dialog.getByText(/bỏ chọn các phiên bên dưới trước khi đánh dấu mật/).waitFor();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // …and the server's refusal is explained in Vietnamese.
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/^“Báo cáo tài chính” là tài liệu mật: tài liệu mật không bao giờ được phát qua mã QR/);
    await screenshot(page, '10-confidential-refused');
    const doc = (await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents.find((d: { id: string }) => d.id === docIds[1]);
    expect(doc.confidential).toBe(false);
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
  });

  it('rotates a code only after a warning that printed sheets stop working', async () => {
    await page.getByRole('link', { name: 'Mã QR & in' }).click();
    await page.getByRole('button', { name: /Khai mạc/ }).click();
    const panel = page.getByRole('region', { name: 'Mã QR: Khai mạc' });
    const oldUrl = await panel.getByLabel('Đường dẫn của mã').inputValue();
    await panel.getByRole('button', { name: 'Đổi mã…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Đổi mã QR?' });
    await confirm.getByText('Các tờ giấy đã in với mã này sẽ ngừng hoạt động ngay lập tức.').waitFor();
    await screenshot(page, '11-rotate-warning');
    // Cancelling changes nothing.
    await confirm.getByRole('button', { name: 'Huỷ' }).click();
    expect(await panel.getByLabel('Đường dẫn của mã').inputValue()).toBe(oldUrl);
    await panel.getByRole('button', { name: 'Đổi mã…' }).click();
    await confirm.getByRole('button', { name: 'Đổi mã ngay' }).click();
    await expect.poll(() => panel.getByLabel('Đường dẫn của mã').inputValue()).not.toBe(oldUrl);
    const newUrl = await panel.getByLabel('Đường dẫn của mã').inputValue();
    expect((await fetch(oldUrl)).status).toBe(404);
    expect((await fetch(newUrl)).status).toBe(200);
  });

  it('creates "Bàn 1" … "Bàn 20" in one step', async () => {
    const panel = page.getByRole('region', { name: 'Mã QR: Khai mạc' });
    await panel.getByText('Sẽ tạo 20 mã: Bàn 1, Bàn 2, Bàn 3, …, Bàn 20').waitFor();
    await panel.getByRole('button', { name: 'Tạo 20 mã' }).click();
    await expect.poll(() => panel.locator('table.variant-table tbody tr').count()).toBe(20);
    const labels = await panel.locator('table.variant-table tbody th').allInnerTexts();
    expect(labels).toEqual(Array.from({ length: 20 }, (_, i) => `Bàn ${i + 1}`));
    // The next click would make the next twenty tables, not the same twenty again.
    await panel.getByText('Sẽ tạo 20 mã: Bàn 21, Bàn 22, Bàn 23, …, Bàn 40').waitFor();
    const codes = (await api('GET', `/api/sessions/${sessionIds[0]}/codes`)).body.codes;
    expect(codes.filter((c: { label: string | null }) => c.label?.startsWith('Bàn ')).length).toBe(20);
    await page.getByRole('button', { name: /Khai mạc/ }).getByText('20 mã theo bàn/đoàn').waitFor();
    await screenshot(page, '12-variants');
  });

  it('lets an admin add a user, make them an organizer of the meeting, reset the password and disable the account', async () => {
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
    await page.getByLabel('Họ tên').fill('Nguyễn Thị Lan');
    await page.getByLabel('Email').fill('lan@example.org');
    await page.locator('input[name="password"]').fill('mat-khau-cua-lan');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const row = page.getByRole('row', { name: 'lan@example.org' });
    await row.waitFor();
    await screenshot(page, '13-users');

    // Membership of the meeting, in its settings.
    await page.goto(`/admin/meetings/${meetingId}/settings`);
    await page.getByLabel('Thêm vào ban tổ chức').selectOption({ label: 'Nguyễn Thị Lan — lan@example.org' });
    await page.getByRole('button', { name: 'Thêm vào ban tổ chức' }).click();
    await page.locator('.member-list').getByText('lan@example.org').waitFor();
    const members = (await api('GET', `/api/meetings/${meetingId}/members`)).body.members;
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual([ADMIN.email, 'lan@example.org']);

    // Lan, an organizer, sees this meeting but no user administration.
    const { page: lan } = await h.newPage();
    await login(lan, { email: 'lan@example.org', password: 'mat-khau-cua-lan' });
    await lan.getByRole('link', { name: /Kỳ họp thứ 9 HĐND tỉnh/ }).waitFor();
    expect(await lan.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    await lan.goto(`/admin/meetings/${meetingId}/settings`);
    await lan.getByText('Chỉ quản trị viên mới thay đổi được danh sách này.').waitFor();
    await lan.goto('/admin/users');
    await lan.getByText('Chỉ quản trị viên mới làm được việc này.').waitFor();

    await page.getByRole('link', { name: 'Người dùng' }).click();
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const reset = page.getByRole('dialog', { name: 'Đặt lại mật khẩu cho Nguyễn Thị Lan' });
    await reset.getByLabel('Mật khẩu mới').fill('mat-khau-moi-cua-lan');
    await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByText('Đã đặt mật khẩu mới cho Nguyễn Thị Lan.').waitFor();
    const probe = await fetch(`${h.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lan@example.org', password: 'mat-khau-moi-cua-lan' }) });
    expect(probe.status).toBe(200);

    await row.getByRole('button', { name: 'Vô hiệu hoá' }).click();
    await page.getByRole('dialog', { name: 'Vô hiệu hoá tài khoản?' }).getByRole('button', { name: 'Vô hiệu hoá' }).click();
    await row.getByText('Đã vô hiệu hoá').waitFor();
    const refused = await fetch(`${h.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lan@example.org', password: 'mat-khau-moi-cua-lan' }) });
    expect(refused.status).toBe(401);
  });

  it('switches to English and back, and remembers the choice', async () => {
    await page.goto(`/admin/meetings/${meetingId}/codes`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'QR codes & print' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: /Khai mạc/ }).click();
    await page.getByRole('button', { name: 'Rotate…' }).first().waitFor();
    await screenshot(page, '14-english-codes');
    await page.reload();
    await page.getByRole('link', { name: 'Meetings', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('link', { name: 'Cuộc họp', exact: true }).waitFor();
  });

  it('shows an expired login clearly and returns to the same page after logging in again', async () => {
    await page.goto(`/admin/meetings/${meetingId}/report`);
    await page.getByRole('heading', { name: 'Báo cáo truy cập' }).waitFor();
    await context.clearCookies();
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await page.getByText('Phiên đăng nhập đã hết hạn.', { exact: false }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Báo cáo truy cập' }).waitFor();
    expect(page.url()).toBe(`${h.server.url}/admin/meetings/${meetingId}/report`);
  });

  it('sets the organizing body and the logo printed on the sheets', async () => {
    await page.goto(`/admin/meetings/${meetingId}/settings`);
    await page.getByLabel('Đơn vị tổ chức').fill('Văn phòng Đoàn ĐBQH và HĐND tỉnh');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu thông tin cuộc họp.').waitFor();
    const logo = new PNG({ width: 64, height: 64 });
    logo.data.fill(200);
    await page.getByTestId('logo-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG.sync.write(logo) });
    await page.getByText('Đã lưu logo.').waitFor();
    await page.getByRole('button', { name: 'Bỏ logo' }).waitFor();
    const { meeting } = (await api('GET', `/api/meetings/${meetingId}`)).body;
    expect(meeting).toMatchObject({ organizer: 'Văn phòng Đoàn ĐBQH và HĐND tỉnh', hasLogo: true });
    await screenshot(page, '16-settings-logo');
  });

  it('archives the meeting, then deletes it after a clear confirmation', async () => {
    await page.goto(`/admin/meetings/${meetingId}/settings`);
    await page.getByRole('button', { name: 'Lưu trữ' }).click();
    await page.getByRole('dialog', { name: 'Lưu trữ cuộc họp?' }).getByRole('button', { name: 'Lưu trữ' }).click();
    await page.locator('.meeting-head .badge-archived').waitFor();
    await page.getByRole('button', { name: 'Xoá cuộc họp…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xoá vĩnh viễn cuộc họp?' });
    await confirm.getByText('Gồm 3 phiên và 2 tài liệu. Mọi mã QR đã in sẽ ngừng hoạt động.').waitFor();
    await confirm.getByRole('button', { name: 'Xoá vĩnh viễn' }).click();
    await page.getByRole('heading', { name: 'Cuộc họp', level: 1 }).waitFor();
    await page.getByText('Chưa có cuộc họp nào.', { exact: false }).waitFor();
    expect((await api('GET', `/api/meetings/${meetingId}`)).status).toBe(404);
  });
});
