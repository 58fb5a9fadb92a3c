import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDelegateApp, pageText, type DelegateApp, TRANSPORTS } from './delegate-harness';

// Times of the meeting day in Hà Nội (UTC+7), and a meeting held in Tokyo (UTC+9).
const HN = (hhmmss: string) => Date.parse(`2026-12-01T${hhmmss}+07:00`);
const TOKYO = (hhmmss: string) => Date.parse(`2026-12-01T${hhmmss}+09:00`);

/** Viewing windows (issue 19 item 2): at each edge, one second before and after, for every route under the code. */
describe.each(TRANSPORTS)('viewing windows (phones through %s)', (transport) => {
  let h: DelegateApp;
  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
  });
  afterAll(() => h.close());

  /** Status and page state of the page, a document, and its reader, at `at`. */
  async function answersAt(at: number, token: string, docId: string) {
    h.clock.now = at;
    const phone = h.phone();
    const out: Record<string, { status: number; state: string | null; text: string }> = {};
    for (const [name, path] of [['page', `/s/${token}`], ['document', `/s/${token}/d/${docId}`], ['reader', `/s/${token}/r/${docId}`], ['book', `/s/${token}/b`]] as const) {
      const res = await phone.fetch(path, { redirect: 'manual' });
      out[name] = { status: res.status, state: res.headers.get('x-page-state'), text: pageText(await res.text()) };
    }
    return out;
  }

  it('meeting window in Hà Nội time: "not yet" until 08:00:00, documents until 17:00:00, then 410 with the note — cached pages expire at the edges', async () => {
    h.clock.now = HN('06:00:00');
    const m = await h.meeting('Kỳ họp thứ 14 HĐND huyện');
    const s = await h.session(m.id, { title: 'Phiên khai mạc' });
    const [doc] = await h.upload(m.id, s.id, ['Tờ trình dự toán.pdf']);
    await h.publish(m.id);
    const set = await h.admin.patch(`/api/meetings/${m.id}`, {
      opensAt: '2026-12-01T08:00:00+07:00', closesAt: '2026-12-01T17:00:00+07:00', closedNote: 'Tài liệu đã gửi qua hộp thư công vụ.',
    });
    expect(set.status).toBe(200);
    expect(set.body.meeting).toMatchObject({ opensAt: '2026-12-01T01:00:00.000Z', closesAt: '2026-12-01T10:00:00.000Z', closedNote: 'Tài liệu đã gửi qua hộp thư công vụ.' });

    // Warm the caches an hour before: the page built then must not be served after 08:00.
    await answersAt(HN('07:00:00'), s.token, doc!.id);
    const before = await answersAt(HN('07:59:59'), s.token, doc!.id);
    expect(before.page).toMatchObject({ status: 200, state: 'not_open' });
    expect(before.page!.text).toContain('Chưa đến giờ xem tài liệu');
    expect(before.page!.text).toContain('Tài liệu mở để xem từ 08:00 01/12/2026');
    expect(before.page!.text).not.toContain('Tờ trình dự toán');
    expect(before.document!.status).toBe(403);
    expect(before.reader!.status).toBe(403);
    expect(before.book!.status).toBe(403);
    // The meeting code follows the meeting's window too.
    h.clock.now = HN('07:59:59');
    expect((await h.phone().fetch(`/s/${m.token}`)).headers.get('x-page-state')).toBe('not_open');

    const opened = await answersAt(HN('08:00:01'), s.token, doc!.id);
    expect(opened.page).toMatchObject({ status: 200, state: 'list' });
    expect(opened.page!.text).toContain('Tờ trình dự toán');
    expect([200, 302]).toContain(opened.document!.status);
    expect(opened.reader!.status).toBe(200);
    expect([200, 503]).toContain(opened.book!.status); // served, or still being built: inside the window either way

    const late = await answersAt(HN('16:59:59'), s.token, doc!.id);
    expect(late.page!.state).toBe('list');
    expect([200, 302]).toContain(late.document!.status);

    const after = await answersAt(HN('17:00:01'), s.token, doc!.id);
    for (const name of ['page', 'document', 'reader', 'book'] as const) {
      expect(after[name]!.status, name).toBe(410);
      expect(after[name]!.text, name).toContain('Đã hết thời gian xem tài liệu');
      expect(after[name]!.text, name).toContain('Thời gian xem tài liệu đã kết thúc lúc 17:00 01/12/2026');
      expect(after[name]!.text, name).toContain('Tài liệu đã gửi qua hộp thư công vụ.');
      expect(after[name]!.text, name).not.toContain('Tờ trình dự toán');
    }
  });

  it("a code's own window narrows the meeting's, in the meeting's timezone (Tokyo), and is kept by a rotation", async () => {
    h.clock.now = TOKYO('06:00:00');
    const m = await h.meeting('Hội nghị xúc tiến đầu tư tại Nhật Bản', { timezone: 'Asia/Tokyo' });
    const s = await h.session(m.id, { title: 'Phiên đối thoại' });
    const [doc] = await h.upload(m.id, s.id, ['Danh mục dự án.pdf']);
    await h.publish(m.id);
    expect((await h.admin.patch(`/api/meetings/${m.id}`, { closesAt: '2026-12-01T18:00:00+09:00' })).status).toBe(200);
    const code = await h.admin.patch(`/api/codes/${s.codeId}`, { opensAt: '2026-12-01T09:30:00+09:00', closesAt: '2026-12-01T11:30:00+09:00' });
    expect(code.status).toBe(200);
    expect(code.body.code).toMatchObject({ opensAt: '2026-12-01T00:30:00.000Z', closesAt: '2026-12-01T02:30:00.000Z' });

    const before = await answersAt(TOKYO('09:29:59'), s.token, doc!.id);
    expect(before.page!.state).toBe('not_open');
    expect(before.page!.text).toContain('Tài liệu mở để xem từ 09:30 01/12/2026');
    expect(before.document!.status).toBe(403);
    // The meeting code has no window of its own: open already.
    expect((await h.phone().fetch(`/s/${m.token}`)).headers.get('x-page-state')).toBe('list');
    expect((await answersAt(TOKYO('09:30:01'), s.token, doc!.id)).page!.state).toBe('list');
    expect((await answersAt(TOKYO('11:29:59'), s.token, doc!.id)).reader!.status).toBe(200);
    const after = await answersAt(TOKYO('11:30:01'), s.token, doc!.id);
    expect([after.page!.status, after.document!.status, after.reader!.status]).toEqual([410, 410, 410]);
    expect(after.page!.text).toContain('kết thúc lúc 11:30 01/12/2026');

    const rotated = await h.admin.post(`/api/codes/${s.codeId}/rotate`);
    expect(rotated.body.code).toMatchObject({ opensAt: '2026-12-01T00:30:00.000Z', closesAt: '2026-12-01T02:30:00.000Z' });
    h.clock.now = TOKYO('11:30:01');
    expect((await h.phone().fetch(`/s/${rotated.body.code.token}`)).status).toBe(410);
  });

  it('a window whose end is before its start: 400 naming closesAt, nothing changed', async () => {
    h.clock.now = HN('06:00:00');
    const created = await h.admin.post('/api/meetings', { title: 'Họp sai giờ', opensAt: '2026-12-01T17:00:00+07:00', closesAt: '2026-12-01T08:00:00+07:00' });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'bad_request', field: 'closesAt' });

    const m = await h.meeting('Họp đúng giờ', { opensAt: '2026-12-01T08:00:00+07:00' });
    // The stored start and a patched end: checked together.
    const bad = await h.admin.patch(`/api/meetings/${m.id}`, { closesAt: '2026-12-01T07:59:59+07:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'closesAt' });
    // Equal ends: never open, refused as well.
    expect((await h.admin.patch(`/api/meetings/${m.id}`, { closesAt: '2026-12-01T08:00:00+07:00' })).body.error.field).toBe('closesAt');
    expect((await h.admin.get(`/api/meetings/${m.id}`)).body.meeting.closesAt).toBeNull();

    const codeBad = await h.admin.patch(`/api/codes/${m.codeId}`, { opensAt: '2026-12-01T10:00:00+07:00', closesAt: '2026-12-01T09:00:00+07:00' });
    expect(codeBad.status).toBe(400);
    expect(codeBad.body.error.field).toBe('closesAt');
    expect((await h.admin.patch(`/api/codes/${m.codeId}`, { closesAt: '2026-12-01T09:00:00+07:00' })).status).toBe(200);
    expect((await h.admin.patch(`/api/codes/${m.codeId}`, { opensAt: '2026-12-01T09:00:01+07:00' })).body.error.field).toBe('closesAt');
  });
});
