/**
 * The core API scenarios, written once and run on every runtime: Node with
 * better-sqlite3 (test/core-api.test.ts), over HTTP through the Node entry, on S3,
 * in workerd with D1 + R2, and on the built Worker bundle. Every case builds its own
 * meeting from the seed helpers (seed.ts): any one can run alone with
 * `npx vitest run test/core-api.test.ts -t '<name>'`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type FetchLike } from '../support/api-client';
import { bitBalance } from '../support/bit-balance';
import { makeExe, makePdf, makeText, sha256 } from '../support/sample-files';
import { PASSWORD, publish, seedDocument, seedMeeting, seedPublishedSession, seedSession, VI_NAME } from './seed';

export interface Harness {
  fetch: FetchLike;
  addUser(user: { email: string; name: string; password: string; role: 'admin' | 'organizer' }): Promise<void>;
  /** The upload cap the app under test was built with. */
  maxUploadBytes: number;
}

export function defineCoreScenarios(runtime: string, setup: () => Promise<Harness>) {
  describe(`core API scenarios (${runtime})`, () => {
    // The runtime and three logged-in accounts: the only state the cases share (none of them changes it).
    let h: Harness;
    let admin: ApiClient;
    let alice: ApiClient;
    let bob: ApiClient;

    beforeAll(async () => {
      h = await setup();
      await h.addUser({ email: 'admin@example.org', name: 'Quản trị', password: PASSWORD, role: 'admin' });
      await h.addUser({ email: 'alice@example.org', name: 'Alice', password: PASSWORD, role: 'organizer' });
      await h.addUser({ email: 'bob@example.org', name: 'Bob', password: PASSWORD, role: 'organizer' });
      admin = new ApiClient(h.fetch);
      alice = new ApiClient(h.fetch);
      bob = new ApiClient(h.fetch);
      await Promise.all([admin.login('admin@example.org', PASSWORD), alice.login('alice@example.org', PASSWORD), bob.login('bob@example.org', PASSWORD)]);
    });

    it('answers /healthz', async () => {
      const res = await h.fetch('/healthz');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    });

    it('refuses a wrong password with the same message as an unknown account', async () => {
      const wrong = await new ApiClient(h.fetch).post('/api/auth/login', { email: 'alice@example.org', password: 'nope-nope-nope' });
      const unknown = await new ApiClient(h.fetch).post('/api/auth/login', { email: 'nobody@example.org', password: 'nope-nope-nope' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error.message).toBe(unknown.body.error.message);
    });

    it('logs in with an HttpOnly SameSite cookie, renews the id at each login, and logs out', async () => {
      const c = new ApiClient(h.fetch);
      expect((await c.get('/api/me')).status).toBe(401);
      const first = await c.post('/api/auth/login', { email: 'alice@example.org', password: PASSWORD });
      const setCookie = first.res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const firstId = c.cookie('qrhop_session');
      await c.login('alice@example.org', PASSWORD);
      expect(c.cookie('qrhop_session')).not.toBe(firstId);
      expect((await c.get('/api/me')).body.user.email).toBe('alice@example.org');
      expect((await c.post('/api/auth/logout')).status).toBe(200);
      expect((await c.get('/api/me')).status).toBe(401);
      // Logging one client out leaves the others' logins alone.
      expect((await alice.get('/api/me')).status).toBe(200);
    });

    it('creates a meeting with its own code, and a session with its code', async () => {
      const created = await alice.post('/api/meetings', { title: 'Hội nghị Ban Chấp hành Đảng bộ huyện', venue: 'Hội trường UBND' });
      expect(created.status).toBe(201);
      const meetingId = created.body.meeting.id;
      expect(created.body.codes).toHaveLength(1);
      expect(created.body.codes[0].url).toMatch(new RegExp(`/s/${created.body.codes[0].token}$`));
      expect(created.body.codes[0].token).toMatch(/^[A-Za-z0-9_-]{22}$/);

      const s = await alice.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên 1: Báo cáo chính trị', room: 'A1', startsAt: '2026-12-01T08:00:00+07:00' });
      expect(s.status).toBe(201);
      const codes = await alice.get(`/api/sessions/${s.body.session.id}/codes`);
      expect(codes.body.codes).toHaveLength(1);
      const sessionToken = codes.body.codes[0].token;
      expect(codes.body.codes[0].url).toBe(`${new URL(codes.body.codes[0].url).origin}/s/${sessionToken}`);
    });

    it("hides a meeting from organizers who are not members (404), admins see it", async () => {
      const { meetingId } = await seedMeeting(alice);
      const { sessionId } = await seedSession(alice, meetingId);
      expect((await bob.get(`/api/meetings/${meetingId}`)).status).toBe(404);
      expect((await bob.patch(`/api/meetings/${meetingId}`, { title: 'x' })).status).toBe(404);
      expect((await bob.post(`/api/meetings/${meetingId}/sessions`, { title: 'x' })).status).toBe(404);
      expect((await bob.get(`/api/sessions/${sessionId}/codes`)).status).toBe(404);
      expect((await bob.get(`/api/meetings`)).body.meetings.map((m: any) => m.id)).not.toContain(meetingId);
      expect((await admin.get(`/api/meetings/${meetingId}`)).status).toBe(200);
      expect((await new ApiClient(h.fetch).get(`/api/meetings/${meetingId}`)).status).toBe(401);
    });

    it('uploads a PDF with a Vietnamese name and keeps the name intact (NFC)', async () => {
      const { meetingId } = await seedMeeting(alice);
      const { sessionId } = await seedSession(alice, meetingId);
      const pdf = makePdf('Nghi quyet', 64 * 1024);
      const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: VI_NAME.normalize('NFD'), bytes: pdf, type: 'application/pdf' }], { sessionId });
      expect(up.status).toBe(201);
      expect(up.body.documents).toHaveLength(1);
      const doc = up.body.documents[0];
      expect(doc.filename).toBe(VI_NAME.normalize('NFC'));
      expect(doc.title).toBe(VI_NAME.normalize('NFC').replace(/\.pdf$/, ''));
      expect(doc.contentType).toBe('application/pdf');
      expect(doc.size).toBe(pdf.length);
      expect(doc.sessionIds).toEqual([sessionId]);
    });

    it('refuses a disguised executable (415) and keeps the good file of the same upload', async () => {
      const { meetingId } = await seedMeeting(alice);
      const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [
        { name: 'Tờ trình.pdf', bytes: makeExe(), type: 'application/pdf' },
        { name: 'ghi-chu.txt', bytes: makeText('Ghi chú cuộc họp\n') },
      ]);
      expect(up.status).toBe(415);
      expect(up.body.error.code).toBe('unsupported_type');
      expect(up.body.error.file).toBe('Tờ trình.pdf');
      expect(up.body.error.message).toContain('Tờ trình.pdf');
      expect(up.body.documents.map((d: any) => d.filename)).toEqual(['ghi-chu.txt']);
      const list = await alice.get(`/api/meetings/${meetingId}/documents`);
      expect(list.body.documents.map((d: any) => d.filename)).not.toContain('Tờ trình.pdf');
    });

    it('refuses a file over the size cap with 413 naming the file, and stores nothing for it', async () => {
      const { meetingId } = await seedMeeting(alice);
      await seedDocument(alice, meetingId);
      const before = (await alice.get(`/api/meetings/${meetingId}/documents`)).body.documents.length;
      const big = makePdf('big', h.maxUploadBytes + 1024);
      const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Phụ lục lớn.pdf', bytes: big }]);
      expect(up.status).toBe(413);
      expect(up.body.error.code).toBe('file_too_large');
      expect(up.body.error.file).toBe('Phụ lục lớn.pdf');
      expect((await alice.get(`/api/meetings/${meetingId}/documents`)).body.documents.length).toBe(before);
    });

    it('shows nothing to delegates before the meeting is published', async () => {
      const { meetingId } = await seedMeeting(alice);
      const { sessionId, sessionToken } = await seedSession(alice, meetingId);
      const docId = await seedDocument(alice, meetingId, { sessionId });
      const res = await h.fetch(`/s/${sessionToken}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('chưa được phát hành');
      expect(html).not.toContain('Báo cáo tổng kết');
      expect((await h.fetch(`/s/${sessionToken}/d/${docId}`)).status).toBe(404);
    });

    it('refuses to attach a confidential document to a published session, and to publish with one attached', async () => {
      const { meetingId } = await seedMeeting(alice);
      const { sessionId } = await seedSession(alice, meetingId);
      const docId = await seedDocument(alice, meetingId, { sessionId });
      const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Mật - Phương án nhân sự.pdf', bytes: makePdf('mat') }]);
      const secretId = up.body.documents[0].id;
      expect((await alice.patch(`/api/documents/${secretId}`, { confidential: true })).status).toBe(200);
      // Attached while still a draft, publishing is refused.
      expect((await alice.put(`/api/sessions/${sessionId}/documents`, { documentIds: [docId, secretId] })).status).toBe(200);
      const publish = await alice.patch(`/api/meetings/${meetingId}`, { status: 'published' });
      expect(publish.status).toBe(409);
      expect(publish.body.error.code).toBe('confidential_document');
      // Detach, publish, then attaching it again is refused.
      expect((await alice.put(`/api/sessions/${sessionId}/documents`, { documentIds: [docId] })).status).toBe(200);
      expect((await alice.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
      const attach = await alice.put(`/api/sessions/${sessionId}/documents`, { documentIds: [docId, secretId] });
      expect(attach.status).toBe(409);
      expect(attach.body.error.message).toContain('Mật - Phương án nhân sự');
      // Marking an attached document confidential on a published session is refused too.
      const mark = await alice.patch(`/api/documents/${docId}`, { confidential: true });
      expect(mark.status).toBe(409);
    });

    it('lists the released documents on the delegate page, in Vietnamese by default and English on request', async () => {
      const { meetingId } = await seedMeeting(alice);
      const { sessionId, sessionToken } = await seedSession(alice, meetingId);
      const docId = await seedDocument(alice, meetingId, { sessionId });
      const secretId = await seedDocument(alice, meetingId, { name: 'Mật - Phương án nhân sự.pdf' });
      expect((await alice.patch(`/api/documents/${secretId}`, { confidential: true })).status).toBe(200);
      await publish(alice, meetingId);
      const res = await h.fetch(`/s/${sessionToken}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain('<html lang="vi"');
      expect(html).toContain('Hội nghị Ban Chấp hành Đảng bộ huyện');
      expect(html).toContain('Báo cáo tổng kết năm 2026 – Nghị quyết');
      expect(html).toContain(`/s/${sessionToken}/d/${docId}`);
      expect(html).toContain('Tải về');
      expect(html).not.toContain('Phương án nhân sự');
      // No inline script (the CSP allows only our own script files).
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
      const en = await (await h.fetch(`/s/${sessionToken}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text();
      expect(en).toContain('<html lang="en"');
      expect(en).toContain('Download');
    });

    it('lists the whole agenda for the meeting code', async () => {
      const { meetingId, meetingToken } = await seedPublishedSession(alice);
      await alice.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên 2: Thảo luận' });
      const html = await (await h.fetch(`/s/${meetingToken}`)).text();
      expect(html).toContain('Phiên 1: Báo cáo chính trị');
      expect(html).toContain('Phiên 2: Thảo luận');
      expect(html).toContain('Báo cáo tổng kết năm 2026');
    });

    it('serves the document inline with ETag, Range, RFC 6266 filename and protective headers', async () => {
      const pdf = makePdf('Nghi quyet', 64 * 1024);
      const { sessionToken, docId } = await seedPublishedSession(alice, { bytes: pdf });
      const res = await h.fetch(`/s/${sessionToken}/d/${docId}`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(await sha256(bytes)).toBe(await sha256(pdf));
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^inline;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(VI_NAME.normalize('NFC'))}`);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"/);

      const again = await h.fetch(`/s/${sessionToken}/d/${docId}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);

      const part = await h.fetch(`/s/${sessionToken}/d/${docId}`, { headers: { range: 'bytes=100-199' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 100-199/${pdf.length}`);
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(pdf.subarray(100, 200));

      const tail = await h.fetch(`/s/${sessionToken}/d/${docId}`, { headers: { range: 'bytes=-10' } });
      expect(tail.status).toBe(206);
      expect(new Uint8Array(await tail.arrayBuffer())).toEqual(pdf.subarray(pdf.length - 10));

      const beyond = await h.fetch(`/s/${sessionToken}/d/${docId}`, { headers: { range: `bytes=${pdf.length}-` } });
      expect(beyond.status).toBe(416);
      await beyond.arrayBuffer();

      const download = await h.fetch(`/s/${sessionToken}/d/${docId}?download=1`);
      expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
      await download.arrayBuffer();
    });

    it('replaces a file with a new version under the same id and link', async () => {
      const { sessionId, sessionToken, docId } = await seedPublishedSession(alice);
      const v2 = makePdf('Nghi quyet v2', 70 * 1024);
      const up = await alice.upload(`/api/documents/${docId}/file`, [{ name: 'Báo cáo (sửa).pdf', bytes: v2 }], {}, 'PUT');
      expect(up.status).toBe(200);
      expect(up.body.document.id).toBe(docId);
      expect(up.body.document.version).toBe(2);
      expect(up.body.document.sessionIds).toEqual([sessionId]);
      const html = await (await h.fetch(`/s/${sessionToken}`)).text();
      // The page marks the new version (data-u) for the devices that saw the old one (the badge script shows "Đã cập nhật").
      expect(html).toMatch(/<li data-f="\d+" data-u="\d+">/);
      const res = await h.fetch(`/s/${sessionToken}/d/${docId}`);
      expect(await sha256(new Uint8Array(await res.arrayBuffer()))).toBe(await sha256(v2));
    });

    it('gives the report as JSON, CSV and a one-page PDF, with a window and the expected delegates', async () => {
      const { meetingId, sessionToken, docId } = await seedPublishedSession(alice);
      expect((await alice.patch(`/api/meetings/${meetingId}`, { expectedDelegates: 25, closesAt: '2099-12-31T17:00:00+07:00' })).status).toBe(200);
      const phone = new ApiClient(h.fetch, { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36' });
      await (await phone.fetch(`/s/${sessionToken}`)).text();
      await (await phone.fetch(`/s/${sessionToken}/d/${docId}`, { redirect: 'manual' })).arrayBuffer();
      const report = await alice.get(`/api/meetings/${meetingId}/report`);
      expect(report.status).toBe(200);
      expect(report.body.totals).toMatchObject({ views: 1, pageDevices: 1, opens: 1, openDevices: 1, coverage: 0.04 });
      expect(report.body.perSession.at(-1)).toMatchObject({ sessionId: null, title: null, views: 0, opens: 0 });
      const csv = await alice.fetch(`/api/meetings/${meetingId}/report.csv`);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer())).toContain('coverage,Tỷ lệ bao phủ (thiết bị mở tài liệu / đại biểu dự kiến),4,%');
      const pdf = await alice.fetch(`/api/meetings/${meetingId}/report.pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
      // Another organizer's meeting: the same 404 as a missing one.
      expect((await bob.get(`/api/meetings/${meetingId}/report`)).status).toBe(404);
    });

    it('draws the QR code (SVG and PNG) for the code URL', async () => {
      const { meetingId } = await seedMeeting(alice);
      const { sessionCodeId } = await seedSession(alice, meetingId);
      const svg = await alice.fetch(`/api/codes/${sessionCodeId}/qr.svg`);
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toBe('image/svg+xml');
      expect(await svg.text()).toMatch(/^<svg/);
      const png = await alice.fetch(`/api/codes/${sessionCodeId}/qr.png`);
      expect(png.status).toBe(200);
      const bytes = new Uint8Array(await png.arrayBuffer());
      expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      expect((await bob.fetch(`/api/codes/${sessionCodeId}/qr.svg`)).status).toBe(404);
    });

    it('counts page views and document opens per device and per document', async () => {
      const { meetingId, sessionToken, docId } = await seedPublishedSession(alice);
      const phone1 = new ApiClient(h.fetch, { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36' });
      const phone2 = new ApiClient(h.fetch, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1' });
      const before = (await alice.get(`/api/meetings/${meetingId}/stats`)).body;
      await (await phone1.fetch(`/s/${sessionToken}`)).text();
      await (await phone1.fetch(`/s/${sessionToken}/d/${docId}`)).arrayBuffer();
      await (await phone2.fetch(`/s/${sessionToken}`)).text();
      await (await phone2.fetch(`/s/${sessionToken}`)).text();
      // A link previewer and a HEAD request are not delegates.
      await (await h.fetch(`/s/${sessionToken}`, { headers: { 'user-agent': 'facebookexternalhit/1.1' } })).text();
      await h.fetch(`/s/${sessionToken}`, { method: 'HEAD' });
      const after = (await alice.get(`/api/meetings/${meetingId}/stats`)).body;
      expect(after.totals.views - before.totals.views).toBe(3);
      expect(after.totals.opens - before.totals.opens).toBe(1);
      expect(after.totals.devices - before.totals.devices).toBe(2);
      const perDoc = after.perDocument.find((d: any) => d.documentId === docId);
      expect(perDoc.opens).toBeGreaterThanOrEqual(1);
      expect(perDoc.title).toBe('Báo cáo tổng kết năm 2026 – Nghị quyết');
      expect((await bob.get(`/api/meetings/${meetingId}/stats`)).status).toBe(404);
    });

    it('rotates a code: the old token gives a 404 page at once, the new one works', async () => {
      const { sessionToken, sessionCodeId, docId } = await seedPublishedSession(alice);
      const warm = await h.fetch(`/s/${sessionToken}`);
      expect(warm.status).toBe(200);
      await warm.text();
      const rotated = await alice.post(`/api/codes/${sessionCodeId}/rotate`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.code.token).not.toBe(sessionToken);
      const old = await h.fetch(`/s/${sessionToken}`);
      expect(old.status).toBe(404);
      expect(await old.text()).toContain('Mã QR không hợp lệ');
      expect((await h.fetch(`/s/${sessionToken}/d/${docId}`)).status).toBe(404);
      const fresh = await h.fetch(`/s/${rotated.body.code.token}`);
      expect(fresh.status).toBe(200);
      await fresh.text();
      expect((await alice.del(`/api/codes/${rotated.body.code.id}`)).status).toBe(204);
      expect((await h.fetch(`/s/${rotated.body.code.token}`)).status).toBe(404);
    });

    it('gives a Vietnamese 404 page for an unknown token', async () => {
      const res = await h.fetch('/s/AAAAAAAAAAAAAAAAAAAAAA');
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Mã QR không hợp lệ');
      expect((await h.fetch('/s/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    });

    it('adds labelled variants in one step, each with its own token and URL', async () => {
      const { sessionId } = await seedPublishedSession(alice);
      const labels = Array.from({ length: 5 }, (_, i) => `Bàn ${i + 1}`);
      const r = await alice.post(`/api/sessions/${sessionId}/codes`, { labels });
      expect(r.status).toBe(201);
      expect(r.body.codes.map((c: any) => c.label)).toEqual(labels);
      expect(new Set(r.body.codes.map((c: any) => c.token)).size).toBe(5);
      const html = await (await h.fetch(`/s/${r.body.codes[2].token}`)).text();
      expect(html).toContain('Bàn 3');
    });

    it('does not make a label twice: "Tạo 5 mã" clicked again keeps one "Bàn 1"', async () => {
      const { sessionId } = await seedPublishedSession(alice);
      expect((await alice.post(`/api/sessions/${sessionId}/codes`, { labels: ['Bàn 1', 'Bàn 2'] })).status).toBe(201);
      const again = await alice.post(`/api/sessions/${sessionId}/codes`, { labels: ['Bàn 1', 'Bàn 2', 'Bàn 6'] });
      expect(again.status).toBe(201);
      expect(again.body.codes.map((c: any) => c.label)).toEqual(['Bàn 6']);
      expect(again.body.skipped).toEqual(['Bàn 1', 'Bàn 2']);
      const labels = (await alice.get(`/api/sessions/${sessionId}/codes`)).body.codes.map((c: any) => c.label).filter(Boolean);
      expect(labels.filter((l: string) => l === 'Bàn 1')).toHaveLength(1);
    });

    it('issues codes carrying 128 balanced random bits (400 codes: every bit position near half ones, no constant byte)', async () => {
      const m = (await alice.post('/api/meetings', { title: 'Kiểm tra mã' })).body.meeting;
      const tokens: string[] = [];
      for (const batch of [0, 1]) {
        const r = await alice.post(`/api/meetings/${m.id}/codes`, { labels: Array.from({ length: 200 }, (_, i) => `Bàn ${batch * 200 + i + 1}`) });
        expect(r.status).toBe(201);
        tokens.push(...r.body.codes.map((c: any) => c.token));
      }
      expect(new Set(tokens).size).toBe(400);
      const stats = bitBalance(tokens);
      expect(stats.bytes).toBe(16); // 128 bits
      // Six standard deviations (60 of 400): a fair bit leaves this band about once in 500 million, a constant one always.
      expect(stats.worstDeviation.sigmas, `bit ${stats.worstDeviation.bit}`).toBeLessThan(6);
      // 400 draws of a random byte take about 202 distinct values; a padded byte takes 1.
      for (const [i, distinct] of stats.distinctPerByte.entries()) expect(distinct, `byte ${i}`).toBeGreaterThan(150);
    });
  });
}
