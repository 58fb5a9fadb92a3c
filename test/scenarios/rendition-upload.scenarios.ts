/**
 * The rendition API (a client renders a PDF's pages and uploads them), written once and
 * run on Node (test/reader/rendition-upload.test.ts) and in workerd with D1 + R2
 * (test/workers/reader.workers.test.ts). The app under test must not render PDFs itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makeExe, sha256 } from '../support/sample-files';
import { makePagesPdf, makePng } from '../support/reader-files';
import type { Harness } from './core-api.scenarios';

const PASSWORD = 'correct horse battery';
const PAGE_TEXT = 'Nghị quyết về kế hoạch phát triển kinh tế – xã hội năm 2027';

export interface RenditionHarness extends Harness {
  /** Rows of rendition_pages for a version (page, width, height, text), read from the database. */
  pageRows(documentId: string, version: number): Promise<{ page: number; width: number; height: number; text: string; contentType: string }[]>;
}

export function defineRenditionUploadScenarios(runtime: string, setup: () => Promise<RenditionHarness>) {
  describe(`rendition upload API (${runtime})`, () => {
    let h: RenditionHarness;
    let alice: ApiClient;
    let bob: ApiClient;
    let meetingId: string;
    let docId: string;
    let token: string;
    let pdf: Uint8Array;
    let page: Uint8Array;
    const base = () => `/api/documents/${docId}/versions/1/rendition`;
    const putPage = (client: ApiClient, n: number, bytes: Uint8Array, text = '', headers: Record<string, string> = {}) => {
      const form = new FormData();
      form.append('image', new File([bytes as Uint8Array<ArrayBuffer>], `p${n}.webp`, { type: 'image/webp' }));
      form.append('text', text);
      return client.fetch(`${base()}/pages/${n}`, { method: 'PUT', body: form, headers }).then(async (res) => ({ status: res.status, body: await res.json() as any }));
    };

    beforeAll(async () => {
      h = await setup();
      await h.addUser({ email: 'alice@example.org', name: 'Alice', password: PASSWORD, role: 'organizer' });
      await h.addUser({ email: 'bob@example.org', name: 'Bob', password: PASSWORD, role: 'organizer' });
      alice = new ApiClient(h.fetch);
      bob = new ApiClient(h.fetch);
      await alice.login('alice@example.org', PASSWORD);
      await bob.login('bob@example.org', PASSWORD);
      meetingId = (await alice.post('/api/meetings', { title: 'Kỳ họp thứ 12', startsAt: '2026-12-10T08:00:00+07:00', timezone: 'Asia/Ho_Chi_Minh' })).body.meeting.id;
      const session = await alice.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc' });
      token = (await alice.get(`/api/sessions/${session.body.session.id}/codes`)).body.codes[0].token;
      pdf = await makePagesPdf(3);
      const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Nghị quyết.pdf', bytes: pdf, type: 'application/pdf' }], { sessionId: session.body.session.id });
      expect(up.status).toBe(201);
      docId = up.body.documents[0].id;
      page = await makePng(860, 1216);
      expect((await alice.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
    });

    it('lists the PDF as one a client may build, and hands the client the original byte for byte', async () => {
      const list = await alice.get(`/api/meetings/${meetingId}/renditions`);
      expect(list.status).toBe(200);
      expect(list.body.renders.pdf).toBe(false);
      const doc = list.body.documents.find((d: any) => d.documentId === docId);
      expect(doc).toMatchObject({ route: 'pdf', version: 1, clientMayBuild: true });
      const res = await alice.fetch(`/api/documents/${docId}/versions/1/source`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(await sha256(await res.arrayBuffer())).toBe(await sha256(pdf));
    });

    it('refuses another body\'s organizer (404) and a cross-site request (403)', async () => {
      expect((await bob.get(`/api/documents/${docId}/versions/1/source`)).status).toBe(404);
      expect((await bob.post(base(), { pages: 3, renderer: 'browser-pdfjs' })).status).toBe(404);
      const cross = await alice.fetch(base(), { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ pages: 3, renderer: 'browser-pdfjs' }) });
      expect(cross.status).toBe(403);
    });

    it('reads the page count from the stored PDF and refuses a client that counts otherwise', async () => {
      const wrong = await alice.post(base(), { pages: 5, renderer: 'browser-pdfjs' });
      expect(wrong.status).toBe(409);
      expect(wrong.body.error).toMatchObject({ code: 'page_count_mismatch', pages: 3 });
      expect(wrong.body.error.message).toContain('3 pages');
      const started = await alice.post(base(), { pages: 3, renderer: 'browser-pdfjs' });
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ expected: 3, sourcePages: 3, capped: false, pageCountFrom: 'server' });
    });

    it('refuses a page before the rendition is started, an unknown renderer, and a non-multipart body', async () => {
      expect((await alice.post(base(), { pages: 3, renderer: 'my-script' })).status).toBe(400);
      const raw = await alice.fetch(`${base()}/pages/1`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: page as Uint8Array<ArrayBuffer> });
      expect(raw.status).toBe(415);
      expect((await raw.json() as any).error.code).toBe('multipart_expected');
    });

    it('refuses a disguised file, a page past the count, an oversize page and an odd size, each with a clear error', async () => {
      const exe = await putPage(alice, 1, makeExe());
      expect(exe.status).toBe(415);
      expect(exe.body.error.code).toBe('not_an_image');
      expect(exe.body.error.message).toBe('Page 1 is not a WebP, PNG or JPEG image (its first bytes say otherwise)');

      const past = await putPage(alice, 4, page);
      expect(past.status).toBe(422);
      expect(past.body.error).toMatchObject({ code: 'page_out_of_range', expected: 3 });
      expect(past.body.error.message).toBe("Page 4 is outside this document's 3 page(s)");
      expect((await putPage(alice, 0, page)).status).toBe(422);

      // Random gray noise does not compress: 1,400 × 1,600 is about 2.2 MB, past the 2 MB per page.
      const big = await makePng(1400, 1600, { noise: true });
      expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
      const oversize = await putPage(alice, 2, big);
      expect(oversize.status).toBe(413);
      expect(oversize.body.error.code).toBe('page_too_large');

      const tiny = await putPage(alice, 2, await makePng(100, 100));
      expect(tiny.status).toBe(422);
      expect(tiny.body.error.code).toBe('page_dimensions');

      // A PNG signature in front of something else is not a page either.
      const forged = new Uint8Array(page.length);
      forged.set(page.subarray(0, 8));
      const bad = await putPage(alice, 2, forged);
      expect(bad.status).toBe(415);
      expect(bad.body.error.code).toBe('image_unreadable');

      const state = await alice.get(base());
      expect(state.body.rendition).toMatchObject({ status: 'working', pagesDone: 0 });
    });

    it('takes the pages one by one (a page sent twice replaces it) and is ready once all are in', async () => {
      const one = await putPage(alice, 1, page, PAGE_TEXT.normalize('NFD'));
      expect(one).toMatchObject({ status: 200, body: { page: 1, pagesDone: 1, expected: 3, status: 'working' } });
      expect((await putPage(alice, 1, page, PAGE_TEXT)).body.pagesDone).toBe(1);
      expect((await putPage(alice, 3, page)).body).toMatchObject({ pagesDone: 2, status: 'working' });
      expect((await putPage(alice, 2, page)).body).toMatchObject({ pagesDone: 3, status: 'ready' });

      const state = await alice.get(base());
      expect(state.body.rendition).toMatchObject({ status: 'ready', format: 'pages', renderer: 'browser-pdfjs', pagesDone: 3, sourcePages: 3, bytes: page.length * 3 });
      const rows = await h.pageRows(docId, 1);
      expect(rows.map((r) => [r.page, r.width, r.height, r.contentType])).toEqual([[1, 860, 1216, 'image/png'], [2, 860, 1216, 'image/png'], [3, 860, 1216, 'image/png']]);
      // The text arrives exact, in NFC.
      expect(rows[0]!.text).toBe(PAGE_TEXT.normalize('NFC'));
      const list = await alice.get(`/api/meetings/${meetingId}/renditions`);
      expect(list.body.documents.find((d: any) => d.documentId === docId)).toMatchObject({ status: 'ready', pagesDone: 3, clientMayBuild: true });
    });

    it('shows the uploaded pages on the delegate\'s reader page, sizes set, page 1 first', async () => {
      const phone = new ApiClient(h.fetch, { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36' });
      const res = await phone.fetch(`/s/${token}/r/${docId}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      // One image per page with a real src (the reader may add script-loaded copies as data-src).
      const images = [...html.matchAll(/<img [^>]+>/g)].map((m) => m[0]).filter((img) => new RegExp(`\\ssrc="/s/${token}/r/${docId}/p/`).test(img));
      expect(images).toHaveLength(3);
      expect(images[0]).toContain(`src="/s/${token}/r/${docId}/p/1?v=1"`);
      expect(images[0]).toContain('width="860" height="1216"');
      const image = await phone.fetch(`/s/${token}/r/${docId}/p/2?v=1`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(await sha256(await image.arrayBuffer())).toBe(await sha256(page));
    });

    it('refuses pages for a version that is no longer current', async () => {
      const v2 = await alice.upload(`/api/documents/${docId}/file`, [{ name: 'Nghị quyết (sửa).pdf', bytes: await makePagesPdf(2), type: 'application/pdf' }], {}, 'PUT');
      expect(v2.status).toBe(200);
      const old = await putPage(alice, 1, page);
      expect(old.status).toBe(409);
      expect(old.body.error).toMatchObject({ code: 'not_current_version', current: 2 });
    });
  });
}
