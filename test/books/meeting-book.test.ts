import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { accessEvents, documents, meetingBooks } from '../../server/db/schema';
import { queueBookBuilds } from '../../server/delegate/queue-book-builds';
import { makeXlsx, VI } from '../reader/office-fixtures';
import { makeVietnamesePdf } from '../support/vietnamese-pdf';
import { readPdf } from '../support/read-pdf';
import { pageText } from '../delegate/delegate-harness';
import { makeBookApp } from './book-harness';

type H = Awaited<ReturnType<typeof makeBookApp>>;
let h: H | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TITLES = ['Tờ trình về kế hoạch đầu tư công năm 2027', 'Báo cáo thẩm tra của Ban Kinh tế – Xã hội', 'Dự thảo nghị quyết về giá đất ở'];

async function uploadVi(app: H, meetingId: string, sessionId: string, title: string, pages: string[]) {
  const r = await app.admin.upload(`/api/meetings/${meetingId}/documents`, [{ name: `${title}.pdf`, bytes: await makeVietnamesePdf(pages), type: 'application/pdf' }], { sessionId });
  if (r.status !== 201) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.documents[0] as { id: string; title: string };
}

/** A published meeting with one session of three documents (3, 2 and 1 pages). */
async function seed(app: H) {
  const meeting = await app.meeting('Kỳ họp thứ 12 HĐND huyện Gio Linh');
  const session = await app.session(meeting.id, { title: 'Phiên thảo luận tổ 2', room: 'Phòng họp số 3', startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T04:30:00Z' });
  const docs = [
    await uploadVi(app, meeting.id, session.id, TITLES[0]!, ['Tờ trình trang một', 'Tờ trình trang hai', 'Tờ trình trang ba']),
    await uploadVi(app, meeting.id, session.id, TITLES[1]!, ['Báo cáo trang một', 'Báo cáo trang hai']),
    await uploadVi(app, meeting.id, session.id, TITLES[2]!, ['Nghị quyết trang một']),
  ];
  await app.publish(meeting.id);
  await app.settle();
  return { meeting, session, docs };
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('meeting book', () => {
  it('is built in the background after publishing, listed first with its size, served with ETag and ranges, and counted as a book open', async () => {
    h = await makeBookApp({ transport: 'node' });
    const { meeting, session } = await seed(h);
    const phone = h.phone();

    const page = await phone.fetch(`/s/${session.token}`);
    const html = await page.text();
    const text = pageText(html);
    // First entry of the list, before the documents.
    expect(text).toMatch(/^Kỳ họp thứ 12.*?Toàn bộ tài liệu phiên 1 tệp, 7 trang, [\d,]+ KB Mở Tải về Phiên thảo luận tổ 2/);
    expect(html.indexOf(`/s/${session.token}/b`)).toBeLessThan(html.indexOf(`/s/${session.token}/r/`));

    const res = await phone.fetch(`/s/${session.token}/b`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"b-[0-9a-f]{32}"$/);
    const book = await bytesOf(res);
    const pdf = readPdf(book);
    expect(pdf.pages).toBe(1 + 3 + 2 + 1);
    expect(pdf.outline).toEqual([{ page: 2, title: TITLES[0] }, { page: 5, title: TITLES[1] }, { page: 7, title: TITLES[2] }]);
    expect(pdf.text(1)).toContain('Trang 1/7');
    for (const title of TITLES) expect(pdf.text(1)).toContain(title);
    expect(pdf.text(7)).toContain('Trang 7/7');

    const part = await phone.fetch(`/s/${session.token}/b`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${book.length}`);
    expect(await bytesOf(part)).toEqual(book.subarray(100, 200));
    expect((await phone.fetch(`/s/${session.token}/b`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    // The meeting code's page lists the meeting-wide book.
    const meetingPage = pageText(await (await phone.fetch(`/s/${meeting.token}`)).text());
    expect(meetingPage).toContain('Toàn bộ tài liệu hội nghị 1 tệp, 7 trang');
    expect((await phone.fetch(`/s/${meeting.token}/b`)).status).toBe(200);

    await h.recorder.flush();
    const opens = await h.db.db.select().from(accessEvents).where(eq(accessEvents.kind, 'book'));
    // The whole fetch and the meeting book: 2 opens; the range from byte 100 and the 304 are not opens.
    expect(opens.map((o) => [o.sessionId, o.documentId])).toEqual([[session.id, null], [null, null]]);
  }, 120_000);

  it('its ETag changes exactly when the agenda or a document version changes', async () => {
    h = await makeBookApp();
    const { meeting, session, docs } = await seed(h);
    const phone = h.phone();
    const etag = async () => (await phone.fetch(`/s/${session.token}/b`, { method: 'HEAD' })).headers.get('etag');
    // The session's stored book (the meeting-wide one lists every session, so a new session is its agenda).
    const rows = async () => (await h!.db.db.select().from(meetingBooks).where(eq(meetingBooks.meetingId, meeting.id))).filter((r) => r.scope === session.id).map((r) => r.storageKey);
    const first = await etag();
    const firstRows = await rows();

    // Not this session's agenda: a labelled code, another session, a PIN on it.
    await h.admin.post(`/api/sessions/${session.id}/codes`, { label: 'Bàn 12' });
    const other = await h.session(meeting.id, { title: 'Phiên bế mạc' });
    await h.admin.patch(`/api/sessions/${other.id}`, { pin: '2468' });
    await h.settle();
    expect(await etag()).toBe(first);
    // Nothing rebuilt: the same stored files (the new empty session has no book).
    expect(await rows()).toEqual(firstRows);

    // The agenda: the documents' order.
    await h.admin.put(`/api/sessions/${session.id}/documents`, { documentIds: [docs[1]!.id, docs[0]!.id, docs[2]!.id] });
    await h.settle();
    const reordered = await etag();
    expect(reordered).not.toBe(first);
    expect(readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`))).outline.map((o) => o.title)).toEqual([TITLES[1], TITLES[0], TITLES[2]]);

    // A document's title is agenda too.
    await h.admin.patch(`/api/documents/${docs[2]!.id}`, { title: 'Dự thảo nghị quyết (lần 2)' });
    await h.settle();
    const renamed = await etag();
    expect(renamed).not.toBe(reordered);

    // A new version of a document.
    const r = await h.admin.upload(`/api/documents/${docs[0]!.id}/file`, [{ name: 'v2.pdf', bytes: await makeVietnamesePdf(['Tờ trình bản sửa']), type: 'application/pdf' }], {}, 'PUT');
    expect(r.status).toBe(200);
    await h.settle();
    const replaced = await etag();
    expect(replaced).not.toBe(renamed);
    const pdf = readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`)));
    expect(pdf.pages).toBe(1 + 2 + 1 + 1);
    expect(pdf.text()).toContain('Tờ trình bản sửa');

    // And again nothing: the same ETag after another unrelated write.
    await h.admin.patch(`/api/sessions/${other.id}`, { room: 'Hội trường lớn' });
    await h.settle();
    expect(await etag()).toBe(replaced);
  }, 180_000);
});

describe('Office documents', () => {
  it('go into the book through the PDF LibreOffice made for their phone rendition', async () => {
    h = await makeBookApp({ reader: true });
    const meeting = await h.meeting('Kỳ họp thứ 12 HĐND huyện Gio Linh');
    const session = await h.session(meeting.id, { title: 'Phiên thảo luận tổ 2' });
    await uploadVi(h, meeting.id, session.id, 'Tờ trình', ['Tờ trình trang một']);
    const xlsx = await h.admin.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Dự toán kinh phí.xlsx', bytes: await makeXlsx(), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }], { sessionId: session.id });
    expect(xlsx.status).toBe(201);
    await h.publish(meeting.id);
    await h.settle();
    const pdf = readPdf(await bytesOf(await h.phone().fetch(`/s/${session.token}/b`)));
    expect(pdf.outline.map((o) => o.title)).toEqual(['Tờ trình', 'Dự toán kinh phí']);
    const sheetPage = pdf.outline[1]!.page;
    expect(pdf.text(sheetPage)).toContain(VI.sheet);
    expect(pdf.text(sheetPage)).toContain(`Trang ${sheetPage}/${pdf.pages}`);
  }, 240_000);
});

describe('who gets which book: the page\'s own rules', () => {
  it('a PIN session\'s book needs its grant; the meeting-wide book leaves PIN sessions out and says so', async () => {
    h = await makeBookApp();
    const meeting = await h.meeting('Kỳ họp thứ 12 HĐND huyện Gio Linh');
    const open = await h.session(meeting.id, { title: 'Phiên khai mạc' });
    const closed = await h.session(meeting.id, { title: 'Phiên họp kín', pin: '2468' });
    await uploadVi(h, meeting.id, open.id, 'Diễn văn khai mạc', ['Diễn văn']);
    await uploadVi(h, meeting.id, closed.id, 'Báo cáo nhân sự', ['Nhân sự trang một', 'Nhân sự trang hai']);
    await h.publish(meeting.id);
    await h.settle();

    const phone = h.phone();
    expect((await phone.fetch(`/s/${closed.token}/b`)).status).toBe(403);
    expect(pageText(await (await phone.fetch(`/s/${closed.token}`)).text())).not.toContain('Toàn bộ tài liệu phiên');
    const pin = await phone.fetch(`/s/${closed.token}/pin`, { method: 'POST', body: new URLSearchParams({ pin: '2468' }), headers: { origin: 'null' }, redirect: 'manual' });
    expect(pin.status).toBe(303);
    expect(pageText(await (await phone.fetch(`/s/${closed.token}`)).text())).toContain('Toàn bộ tài liệu phiên 1 tệp, 3 trang');
    const own = await phone.fetch(`/s/${closed.token}/b`);
    expect(own.status).toBe(200);
    expect(readPdf(await bytesOf(own)).outline.map((o) => o.title)).toEqual(['Báo cáo nhân sự']);

    // The meeting code: its book holds the open session only, and names the PIN session on the cover.
    const other = h.phone();
    const whole = readPdf(await bytesOf(await other.fetch(`/s/${meeting.token}/b`)));
    expect(whole.outline.map((o) => o.title)).toEqual(['Diễn văn khai mạc']);
    expect(whole.pages).toBe(1 + 1);
    expect(whole.text(1).replace(/\s+/g, ' ')).toContain('Các phiên có mã PIN không nằm trong tệp chung: Phiên họp kín');
    // The PIN session's own book through the meeting code: with the grant only (the grant is per code).
    expect((await other.fetch(`/s/${meeting.token}/b/${closed.id}`)).status).toBe(403);
    await other.fetch(`/s/${meeting.token}/pin`, { method: 'POST', body: new URLSearchParams({ pin: '2468', session: closed.id }), headers: { origin: 'null' }, redirect: 'manual' });
    expect((await other.fetch(`/s/${meeting.token}/b/${closed.id}`)).status).toBe(200);
    expect(pageText(await (await other.fetch(`/s/${meeting.token}`)).text())).toMatch(/Phiên họp kín.*Toàn bộ tài liệu phiên 1 tệp, 3 trang/);
    // A session code never reaches another session's book.
    expect((await phone.fetch(`/s/${closed.token}/b/${open.id}`)).status).toBe(404);
  }, 120_000);

  it('a document before its release time is not in the book until then; the book is rebuilt when the time comes', async () => {
    h = await makeBookApp();
    const { session, docs } = await seed(h);
    const release = h.clock.now + 3600_000;
    expect((await h.admin.patch(`/api/documents/${docs[2]!.id}`, { releaseAt: new Date(release).toISOString() })).status).toBe(200);
    await h.settle();
    const phone = h.phone();
    expect(readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`))).outline.map((o) => o.title)).toEqual([TITLES[0], TITLES[1]]);
    h.clock.now = release - 1000;
    await h.settle();
    expect(readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`))).pages).toBe(1 + 3 + 2);
    h.clock.now = release + 2000;
    await h.settle();
    expect(readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`))).outline.map((o) => o.title)).toEqual(TITLES);
  }, 120_000);

  it('while a rebuild is due, the previous book is served only if everything in it is still allowed', async () => {
    h = await makeBookApp();
    const { meeting, session, docs } = await seed(h);
    const phone = h.phone();
    const before = await phone.fetch(`/s/${session.token}/b`);
    expect(before.status).toBe(200);

    // A document added: the old book is still allowed (a subset), served, and the page says it is being updated.
    await uploadVi(h, meeting.id, session.id, 'Phụ lục bổ sung', ['Phụ lục']);
    expect((await phone.fetch(`/s/${session.token}/b`)).headers.get('etag')).toBe(before.headers.get('etag'));
    expect(pageText(await (await phone.fetch(`/s/${session.token}`)).text())).toContain('Đang cập nhật: tệp này chưa có tài liệu mới nhất');
    await h.settle();
    expect(pageText(await (await phone.fetch(`/s/${session.token}`)).text())).not.toContain('Đang cập nhật');

    // A document withdrawn from the session: the stored book holds it, so it is not served until rebuilt.
    await h.admin.put(`/api/sessions/${session.id}/documents`, { documentIds: [docs[0]!.id, docs[1]!.id] });
    const withheld = await phone.fetch(`/s/${session.token}/b`);
    expect(withheld.status).toBe(503);
    expect(pageText(await withheld.text())).toContain('Đang tạo tệp tổng hợp');
    expect(pageText(await (await phone.fetch(`/s/${session.token}`)).text())).toContain('Toàn bộ tài liệu phiên Đang tạo tệp tổng hợp');
    await h.settle();
    expect(readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`))).outline.map((o) => o.title)).toEqual([TITLES[0], TITLES[1]]);

    // A document turned confidential behind the API's back (old data): never served inside a book either.
    await h.db.db.update(documents).set({ confidential: true }).where(eq(documents.id, docs[1]!.id));
    h.deps.pageCache.clear();
    expect((await phone.fetch(`/s/${session.token}/b`)).status).toBe(503);
    await queueBookBuilds(h.deps, [meeting.id]);
    await h.settle();
    expect(readPdf(await bytesOf(await phone.fetch(`/s/${session.token}/b`))).outline.map((o) => o.title)).toEqual([TITLES[0]]);
  }, 120_000);
});
