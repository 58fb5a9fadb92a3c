import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDelegateApp, pageText, type DelegateApp, TRANSPORTS } from './delegate-harness';

/** Each page a delegate can land on instead of the list, in Vietnamese by default. */
describe.each(TRANSPORTS)('delegate state pages (phones through %s)', (transport) => {
  let h: DelegateApp;
  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
  });
  afterAll(() => h.close());

  it('not yet published: says so, with the session time, and serves no document', async () => {
    const m = await h.meeting('Kỳ họp thứ 12 HĐND', { startsOn: '2026-12-03' });
    const s = await h.session(m.id, { title: 'Phiên khai mạc', startsAt: '2026-12-03T08:00:00+07:00', room: 'A1' });
    const [doc] = await h.upload(m.id, s.id, ['Báo cáo chính trị.pdf']);
    const page = await h.phone().fetch(`/s/${s.token}`);
    expect(page.status).toBe(200);
    const text = pageText(await page.text());
    expect(text).toContain('Tài liệu chưa được phát hành');
    expect(text).toContain('Thời gian dự kiến: 08:00 03/12/2026');
    expect(text).not.toContain('Báo cáo chính trị');
    // The meeting code gives the meeting's day when there is no session time.
    expect(pageText(await (await h.phone().fetch(`/s/${m.token}`)).text())).toContain('03/12/2026');
    expect((await h.phone().fetch(`/s/${s.token}/d/${doc!.id}`)).status).toBe(404);
    // No view is recorded for a draft: organizers testing their codes are not delegates.
    expect((await h.stats(m.id)).totals.views).toBe(0);
  });

  it('not yet released: shows when the documents come, then lists them once the time has passed', async () => {
    const m = await h.meeting('Hội nghị tổng kết');
    const s = await h.session(m.id, { title: 'Phiên chiều', startsAt: '2026-12-01T13:30:00+07:00' });
    const [doc] = await h.upload(m.id, s.id, ['Dự thảo nghị quyết.pdf']);
    expect((await h.admin.patch(`/api/documents/${doc!.id}`, { releaseAt: '2026-12-01T13:30:00+07:00' })).status).toBe(200);
    await h.publish(m.id);

    const before = await h.phone().fetch(`/s/${s.token}`);
    expect(before.status).toBe(200);
    expect(before.headers.get('x-page-state')).toBe('not_released');
    const text = pageText(await before.text());
    expect(text).toContain('Chưa đến giờ phát hành tài liệu');
    expect(text).toContain('Tài liệu sẽ có từ 13:30 01/12/2026');
    expect(text).not.toContain('Dự thảo nghị quyết');
    expect((await h.phone().fetch(`/s/${s.token}/d/${doc!.id}`)).status).toBe(404);
    // The meeting code lists the session with the same time.
    expect(pageText(await (await h.phone().fetch(`/s/${m.token}`)).text())).toContain('1 tài liệu nữa sẽ có từ 13:30 01/12/2026');

    h.clock.now = Date.parse('2026-12-01T06:30:00Z'); // 13:30 in Hà Nội: the cached page expires by itself
    const after = await h.phone().fetch(`/s/${s.token}`);
    expect(after.headers.get('x-page-state')).toBe('list');
    expect(pageText(await after.text())).toContain('Dự thảo nghị quyết');
    expect((await h.phone().fetch(`/s/${s.token}/d/${doc!.id}`)).status).toBe(200);
    h.clock.now = Date.parse('2026-12-01T00:30:00Z');
  });

  it('closed (archived): a 410 page for the list and the documents', async () => {
    const m = await h.meeting('Đại hội đã xong');
    const s = await h.session(m.id, { title: 'Phiên bế mạc' });
    const [doc] = await h.upload(m.id, s.id, ['Nghị quyết đại hội.pdf']);
    await h.publish(m.id);
    expect((await h.phone().fetch(`/s/${s.token}/d/${doc!.id}`)).status).toBe(200);
    expect((await h.admin.patch(`/api/meetings/${m.id}`, { status: 'archived' })).status).toBe(200);
    for (const path of [`/s/${s.token}`, `/s/${m.token}`, `/s/${s.token}/d/${doc!.id}`]) {
      const res = await h.phone().fetch(path);
      expect(res.status, path).toBe(410);
      expect(res.headers.get('x-page-state')).toBe('closed');
      const text = pageText(await res.text());
      expect(text).toContain('Cuộc họp đã kết thúc');
      expect(text).not.toContain('Nghị quyết đại hội');
    }
  });

  it('unknown, rotated and revoked codes: the same 404 page, in Vietnamese and in English', async () => {
    const m = await h.meeting('Hội nghị chuyên đề');
    const s = await h.session(m.id, { title: 'Phiên 1' });
    await h.publish(m.id);
    const rotated = await h.admin.post(`/api/codes/${s.codeId}/rotate`);
    expect(rotated.status).toBe(200);
    const variant = await h.admin.post(`/api/sessions/${s.id}/codes`, { label: 'Bàn 3' });
    expect((await h.admin.del(`/api/codes/${variant.body.codes[0].id}`)).status).toBe(204);
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', s.token, variant.body.codes[0].token, 'short']) {
      const res = await h.phone().fetch(`/s/${token}`);
      expect(res.status, token).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-page-state')).toBe('not_found');
      expect(pageText(await res.text())).toContain('Mã QR không hợp lệ');
      const en = await h.phone(undefined, { 'accept-language': 'en-US,en;q=0.8' }).fetch(`/s/${token}`);
      expect(pageText(await en.text())).toContain('Invalid QR code');
    }
    expect((await h.phone().fetch(`/s/${rotated.body.code.token}`)).status).toBe(200);
  });

  it('PIN required: a form page instead of the list, in Vietnamese', async () => {
    const m = await h.meeting('Hội nghị kín');
    const s = await h.session(m.id, { title: 'Phiên thảo luận nhân sự', pin: '482913' });
    await h.upload(m.id, s.id, ['Danh sách đề cử.pdf']);
    await h.publish(m.id);
    const res = await h.phone().fetch(`/s/${s.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-page-state')).toBe('pin');
    const html = await res.text();
    expect(pageText(html)).toContain('Nhập mã PIN do ban tổ chức cung cấp');
    expect(html).toContain(`<form method="post" action="/s/${s.token}/pin">`);
    expect(html).toContain('inputmode="numeric"');
    expect(pageText(html)).not.toContain('Danh sách đề cử');
  });

  it('switches language with ?lang= and remembers it', async () => {
    const m = await h.meeting('Hội nghị song ngữ');
    const s = await h.session(m.id, { title: 'Phiên 1' });
    await h.upload(m.id, s.id, ['Báo cáo.pdf']);
    await h.publish(m.id);
    const phone = h.phone();
    expect(await (await phone.fetch(`/s/${s.token}`)).text()).toContain('<html lang="vi"');
    const en = await (await phone.fetch(`/s/${s.token}?lang=en`)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain(`href="/s/${s.token}?lang=vi"`);
    expect(await (await phone.fetch(`/s/${s.token}`)).text()).toContain('<html lang="en"');
  });
});
