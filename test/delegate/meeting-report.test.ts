import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessEvents, documentVersions } from '../../server/db/schema';
import { makeDelegateApp, type DelegateApp } from './delegate-harness';

const OUT = 'test-output';

/**
 * The report for people who report upward (issue 19 item 5), from an access log seeded row by
 * row (the meeting book's opens included, as the book branch records them: kind 'book'): exact
 * figures in the API, the CSV and the one-page PDF summary (read back with pdftotext).
 */
describe('the meeting report: API, CSV and PDF from a seeded access log', () => {
  let h: DelegateApp;
  let meetingId = '';
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await makeDelegateApp();
    h.clock.now = Date.parse('2026-12-01T01:00:00Z'); // 08:00 in Hà Nội
    const m = await h.meeting('Hội nghị tổng kết công tác năm 2026', { expectedDelegates: 40, organizer: 'UBND huyện Gio Linh', startsOn: '2026-12-01' });
    const s1 = await h.session(m.id, { title: 'Phiên khai mạc' });
    const s2 = await h.session(m.id, { title: 'Phiên thảo luận tổ 2' });
    const byTitle = async (sessionId: string, names: string[]) => Object.fromEntries((await h.upload(m.id, sessionId, names)).map((d) => [d.title, d.id]));
    const one = await byTitle(s1.id, ['Báo cáo tổng kết.pdf', 'Phụ lục không rõ số trang.pdf']);
    const two = await byTitle(s2.id, ['Dự thảo nghị quyết.pdf', 'Tài liệu phát hành chiều.pdf']);
    // Released at 14:00: not counted at 08:00.
    expect((await h.admin.patch(`/api/documents/${two['Tài liệu phát hành chiều']}`, { releaseAt: '2026-12-01T14:00:00+07:00' })).status).toBe(200);
    await h.publish(m.id);
    // Page counts as the background count (or the reader's rendition) leaves them; one unknown.
    const pages = { 'Báo cáo tổng kết': 3, 'Dự thảo nghị quyết': 5, 'Tài liệu phát hành chiều': 7 } as Record<string, number>;
    for (const [title, id] of Object.entries({ ...one, ...two })) {
      if (pages[title]) h.db.db.update(documentVersions).set({ pageCount: pages[title] }).where(eq(documentVersions.documentId, id)).run();
    }
    meetingId = m.id;
    ids = { m: m.codeId, s1: s1.codeId, s2: s2.codeId, s1id: s1.id, s2id: s2.id, d1: one['Báo cáo tổng kết']!, d2: two['Dự thảo nghị quyết']! };

    const at = (min: number) => new Date(Date.parse('2026-12-01T01:00:00Z') + min * 60_000);
    const row = (kind: 'view' | 'open' | 'read' | 'book', code: string, sessionId: string | null, deviceId: string, documentId: string | null = null, isBot = false, min = 1) =>
      ({ at: at(min), kind, meetingId: m.id, sessionId, codeId: code, label: null, documentId, deviceId, browser: 'Chrome', os: 'Android', isBot });
    h.db.db.insert(accessEvents).values([
      // a: session 1's code, opens the report, then reads it in the reader.
      row('view', ids.s1!, s1.id, 'device-a'), row('open', ids.s1!, s1.id, 'device-a', ids.d1), row('read', ids.s1!, s1.id, 'device-a', ids.d1, false, 2),
      // b: session 1's page only.
      row('view', ids.s1!, s1.id, 'device-b'),
      // c: the meeting code; opens session 2's draft from it (the event carries session 2), and the meeting book.
      row('view', ids.m!, null, 'device-c'), row('open', ids.m!, s2.id, 'device-c', ids.d2), row('book', ids.m!, null, 'device-c'),
      // d: session 2's code, the draft, the session's book twice.
      row('view', ids.s2!, s2.id, 'device-d'), row('open', ids.s2!, s2.id, 'device-d', ids.d2), row('book', ids.s2!, s2.id, 'device-d'), row('book', ids.s2!, s2.id, 'device-d', null, false, 3),
      // A link preview bot: never counted.
      row('view', ids.s1!, s1.id, 'bot-1', null, true),
    ]).run();
  });
  afterAll(() => h.close());

  it('API: per session through its codes, the meeting code on its own row, coverage, the book, paper saved', async () => {
    const r = await h.admin.get(`/api/meetings/${meetingId}/report`);
    expect(r.status).toBe(200);
    const report = r.body;
    expect(report.expectedDelegates).toBe(40);
    expect(report.totals).toEqual({ devices: 4, views: 4, pageDevices: 4, opens: 4, openDevices: 3, bookOpens: 3, bookDevices: 2, coverage: 0.075 });
    expect(report.perSession).toEqual([
      { sessionId: ids.s1id, title: 'Phiên khai mạc', views: 2, pageDevices: 2, opens: 2, openDevices: 1, bookOpens: 0, bookDevices: 0, coverage: 0.025 },
      // Session 2's draft opened from the meeting code counts on the meeting code's row, not here.
      { sessionId: ids.s2id, title: 'Phiên thảo luận tổ 2', views: 1, pageDevices: 1, opens: 1, openDevices: 1, bookOpens: 2, bookDevices: 1, coverage: 0.025 },
      { sessionId: null, title: null, views: 1, pageDevices: 1, opens: 1, openDevices: 1, bookOpens: 1, bookDevices: 1, coverage: 0.025 },
    ]);
    // Released at 08:00: the report (3 pages), the draft (5), the appendix (pages unknown); the 14:00 one not yet.
    expect(report.paper).toEqual({ releasedDocuments: 3, releasedPages: 8, pagesUnknown: ['Phụ lục không rõ số trang'], printedPagesAvoided: 320, openedPages: 3 + 2 * 5 });
    expect(report.scansVersusLinks).toBe('not_distinguishable');
  });

  it('CSV: the same figures, with their units, UTF-8 with a BOM', async () => {
    const res = await h.admin.fetch(`/api/meetings/${meetingId}/report.csv?sep=;`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('printed_pages_avoided;Trang giấy không phải in (số trang × đại biểu dự kiến);320;trang');
    expect(lines).toContain('opened_pages;Trang tài liệu đã mở trên điện thoại (mỗi tài liệu × thiết bị đã mở);13;trang');
    expect(lines).toContain('coverage;Tỷ lệ bao phủ (thiết bị mở tài liệu / đại biểu dự kiến);7.5;%');
    expect(lines).toContain('open_devices;Thiết bị đã mở ít nhất một tài liệu;3;thiết bị');
    expect(lines).toContain('book_opens;Lượt mở tập tài liệu hội nghị;3;lượt mở');
    expect(lines).toContain('pages_unknown;Phụ lục không rõ số trang;;');
    expect(lines).toContain('session;page_views;page_devices;document_opens;document_devices;coverage_percent;book_opens;book_devices');
    expect(lines).toContain('Phiên khai mạc;2;2;2;1;2.5;0;0');
    expect(lines).toContain('Phiên thảo luận tổ 2;1;1;1;1;2.5;2;1');
    expect(lines).toContain('Mã QR chung của hội nghị;1;1;1;1;2.5;1;1');
  });

  it('PDF: one A4 page in Vietnamese with the same figures (pdftotext)', async () => {
    const res = await h.admin.fetch(`/api/meetings/${meetingId}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}/report-summary.pdf`, pdf);
    expect(execFileSync('pdfinfo', [`${OUT}/report-summary.pdf`]).toString()).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', `${OUT}/report-summary.pdf`, '-']).toString().normalize('NFC');
    for (const expected of [
      'Báo cáo kết quả hội nghị không giấy', 'Hội nghị tổng kết công tác năm 2026', 'UBND HUYỆN GIO LINH',
      'Số liệu đến 08:00 01/12/2026 (giờ Asia/Ho_Chi_Minh)',
      'Đại biểu dự kiến', '40 đại biểu', 'Thiết bị đã mở ít nhất một tài liệu', '3 thiết bị', '7,5%',
      'Lượt mở tập tài liệu hội nghị', '3 lượt mở', '8 trang', '320 trang', '13 trang',
      'Chưa biết số trang (không tính vào số trang): Phụ lục không rõ số trang',
      'Phiên thảo luận tổ 2', 'Mã QR chung của hội nghị',
      'Không phân biệt lượt quét mã QR in với đường link được chuyển tiếp',
    ]) expect(text, expected).toContain(expected);
    // The session rows: name, views, page devices, opens, document devices, coverage, book opens.
    expect(text).toMatch(/Phiên khai mạc\s+2\s+2\s+2\s+1\s+2,5%\s+0/);
    expect(text).toMatch(/Phiên thảo luận tổ 2\s+1\s+1\s+1\s+1\s+2,5%\s+2/);
    execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', `${OUT}/report-summary.pdf`, `${OUT}/report-summary`]);
  });
});
