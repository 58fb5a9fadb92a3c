/**
 * The S3 server stops in the middle of a meeting, then comes back. Delegates still
 * see the list (it comes from the database), downloads answer a Vietnamese 503 with
 * Retry-After, uploads fail with a JSON 503 and leave nothing behind, and everything
 * works again after the restart. Run in both download modes.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentVersions, documents } from '../../server/db/schema';
import type { S3Store } from '../../server/runtime/node/s3-store';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf, sha256 } from '../support/sample-files';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { MB, generatedPdfUpload, pendingUploads, publishedSession, sha256Of, storeOn, waitFor } from './s3-fixtures';

const PASSWORD = 'correct horse battery';
const STORAGE_DOWN_VI = 'Kho tài liệu tạm thời không truy cập được';

/** A multipart body of two files that waits, in the middle of the second, until resume(). */
function twoFiles(sessionId: string, ...files: { name: string; bytes: Uint8Array }[]) {
  const boundary = '----qrhopTwoFiles';
  const enc = new TextEncoder();
  const part = (f: { name: string; bytes: Uint8Array }) => [
    enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    f.bytes,
    enc.encode('\r\n'),
  ];
  const [secondHeader, secondBytes, secondEnd] = part(files[1]!);
  // The pause comes half-way through the second file: the parser reads ahead of the part it
  // hands out, so only then has the first file surely been handed out (and stored) whole.
  const half = Math.floor(secondBytes!.length / 2);
  const head = [
    enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="sessionId"\r\n\r\n${sessionId}\r\n`),
    ...part(files[0]!), secondHeader!, secondBytes!.subarray(0, half),
  ];
  const tail = [secondBytes!.subarray(half), secondEnd!, enc.encode(`--${boundary}--\r\n`)];
  let reachedGap!: () => void;
  let resume!: () => void;
  const between = new Promise<void>((resolve) => (reachedGap = resolve));
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  const chunks: (Uint8Array | 'gap')[] = [...head, 'gap', ...tail];
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.shift();
      if (next === undefined) return controller.close();
      if (next === 'gap') {
        reachedGap();
        await resumed;
        return controller.enqueue(chunks.shift() as Uint8Array);
      }
      controller.enqueue(next);
    },
  }, { highWaterMark: 0 });
  return { body, contentType: `multipart/form-data; boundary=${boundary}`, between, resume: () => resume() };
}

for (const downloadMode of ['redirect', 'proxy'] as const) {
  describe(`S3 outage and recovery (${downloadMode} downloads)`, () => {
    let s3: S3rverHandle;
    let store: S3Store;
    let app: NodeTestApp;
    let api: ApiClient;
    let ids: Awaited<ReturnType<typeof publishedSession>>;
    let docId: string;
    const pdf = makePdf('Bao cao', 100 * 1024);

    /** Fetches a document as a phone would: following the redirect to S3 if there is one. */
    async function download(path: string, init: RequestInit = {}): Promise<Response> {
      const res = await app.fetch(path, init);
      if (res.status !== 302) return res;
      return fetch(res.headers.get('location')!, init);
    }

    const rows = async () => ({
      documents: (await app.db.db.select({ n: count() }).from(documents).where(eq(documents.meetingId, ids.meetingId)))[0]!.n,
      versions: (await app.db.db.select({ n: count() }).from(documentVersions))[0]!.n,
    });
    const objectKeys = async () => {
      const keys: string[] = [];
      for await (const item of store.list()) keys.push(item.key);
      return keys.sort();
    };

    beforeAll(async () => {
      s3 = await startS3rver();
      store = storeOn(s3);
      app = await makeNodeApp({ store, settings: { downloadMode, maxUploadBytes: 64 * MB } });
      await app.addUser({ email: 'org@example.org', name: 'Văn phòng', password: PASSWORD, role: 'organizer' });
      api = new ApiClient(app.fetch);
      await api.login('org@example.org', PASSWORD);
      ids = await publishedSession(api);
      const up = await api.upload(`/api/meetings/${ids.meetingId}/documents`, [{ name: 'Báo cáo chính trị.pdf', bytes: pdf }], { sessionId: ids.sessionId });
      expect(up.status).toBe(201);
      docId = up.body.documents[0].id;
      // The delegate page is not rendered yet: during the outage it is built from the database.
    });
    afterAll(async () => {
      await app?.close();
      store?.client.destroy();
      await s3?.destroy();
    });

    it('while S3 is down: the page lists the documents, a download is a Vietnamese 503 with Retry-After', async () => {
      await s3.stop();
      const page = await app.fetch(`/s/${ids.token}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Báo cáo chính trị');
      expect(html).toContain(`/s/${ids.token}/d/${docId}`);

      const started = Date.now();
      const res = await app.fetch(`/s/${ids.token}/d/${docId}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('location')).toBeNull();
      const body = await res.text();
      expect(body).toContain('<html lang="vi"');
      expect(body).toContain(STORAGE_DOWN_VI);
      // Fails fast (connection refused, a few quick retries), not after a long timeout.
      expect(Date.now() - started).toBeLessThan(5_000);
      // In English on request.
      const en = await app.fetch(`/s/${ids.token}/d/${docId}`, { headers: { 'accept-language': 'en' } });
      expect(en.status).toBe(503);
      expect(await en.text()).toContain('temporarily unreachable');
    });

    it('while S3 is down: an upload is a JSON 503 storage_unavailable and records nothing', async () => {
      const before = await rows();
      const up = await api.upload(`/api/meetings/${ids.meetingId}/documents`, [{ name: 'Tờ trình bổ sung.pdf', bytes: makePdf('To trinh') }], { sessionId: ids.sessionId });
      expect(up.status).toBe(503);
      expect(up.res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(up.res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(up.body.error.code).toBe('storage_unavailable');
      expect(up.body.error.message).toMatch(/unreachable/i);
      expect(await rows()).toEqual(before);
      // A new version of an existing document is refused the same way; the document keeps version 1.
      const replace = await api.upload(`/api/documents/${docId}/file`, [{ name: 'Báo cáo (sửa).pdf', bytes: makePdf('v2') }], {}, 'PUT');
      expect(replace.status).toBe(503);
      expect(replace.body.error.code).toBe('storage_unavailable');
      const list = (await api.get(`/api/meetings/${ids.meetingId}/documents`)).body.documents;
      expect(list.map((d: { id: string; version: number }) => [d.id, d.version])).toEqual([[docId, 1]]);
    });

    it('after the restart: downloads and uploads work again, and the outage left no object or part behind', async () => {
      await s3.restart();
      const res = await download(`/s/${ids.token}/d/${docId}`);
      expect(res.status).toBe(200);
      expect(await sha256(new Uint8Array(await res.arrayBuffer()))).toBe(await sha256(pdf));

      const keysBefore = await objectKeys();
      expect(keysBefore).toHaveLength(1); // only the first document: the failed uploads stored nothing
      const up = await api.upload(`/api/meetings/${ids.meetingId}/documents`, [{ name: 'Tờ trình bổ sung.pdf', bytes: makePdf('To trinh') }], { sessionId: ids.sessionId });
      expect(up.status).toBe(201);
      const html = await (await app.fetch(`/s/${ids.token}`)).text();
      expect(html).toContain('Tờ trình bổ sung');
      const fresh = await download(`/s/${ids.token}/d/${up.body.documents[0].id}`);
      expect(fresh.status).toBe(200);
      await fresh.arrayBuffer();
      expect(await pendingUploads(store, s3.bucket)).toEqual([]);
    });

    it('several files, the outage between two of them: the stored one is kept, attached and listed; the answer names the other', async () => {
      const before = await rows();
      const upload = twoFiles(ids.sessionId, { name: 'Tờ trình 1.pdf', bytes: makePdf('one', MB) }, { name: 'Tờ trình 2.pdf', bytes: makePdf('two', MB) });
      const answer = app.fetch(`/api/meetings/${ids.meetingId}/documents`, {
        method: 'POST', body: upload.body, headers: { 'content-type': upload.contentType, cookie: `qrhop_session=${api.cookie('qrhop_session')}` },
        duplex: 'half',
      } as RequestInit);
      await upload.between;
      await waitFor(async () => (await rows()).documents === before.documents + 1, 10_000, 'the first file recorded');
      await s3.stop();
      upload.resume();
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: 'storage_unavailable', file: 'Tờ trình 2.pdf' });
      expect(body.error.message).toContain('Tờ trình 2.pdf');
      expect(body.documents.map((d: { filename: string; sessionIds: string[] }) => [d.filename, d.sessionIds])).toEqual([['Tờ trình 1.pdf', [ids.sessionId]]]);
      expect(await rows()).toEqual({ documents: before.documents + 1, versions: before.versions + 1 });
      await s3.restart();
      expect(await (await app.fetch(`/s/${ids.token}`)).text()).toContain('Tờ trình 1');
      expect(await pendingUploads(store, s3.bucket)).toEqual([]);
    });

    it('an upload cut by the outage mid-way (multipart) is a 503, leaves no row, and its parts are aborted once S3 is back', async () => {
      const before = await rows();
      const keysBefore = await objectKeys();
      // 20 MB: two 8 MB parts go to S3, then the server stops before the rest arrives.
      const upload = generatedPdfUpload('Phụ lục số liệu.pdf', 20 * MB, { pauseAt: 17 * MB, sessionId: ids.sessionId });
      const answer = app.fetch(`/api/meetings/${ids.meetingId}/documents`, {
        method: 'POST', body: upload.body, headers: { 'content-type': upload.contentType, cookie: `qrhop_session=${api.cookie('qrhop_session')}` },
        duplex: 'half',
      } as RequestInit);
      await upload.paused;
      await waitFor(async () => (await pendingUploads(store, s3.bucket)).length > 0, 15_000, 'a multipart upload in progress');
      await s3.stop();
      upload.resume();
      const res = await answer;
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe('storage_unavailable');
      expect(await rows()).toEqual(before);

      await s3.restart();
      // The abort that failed during the outage is retried in the background.
      await waitFor(async () => (await pendingUploads(store, s3.bucket)).length === 0, 15_000, 'no multipart upload left');
      expect(await objectKeys()).toEqual(keysBefore);
      // And the same file goes through now.
      const again = generatedPdfUpload('Phụ lục số liệu.pdf', 20 * MB, { sessionId: ids.sessionId });
      const ok = await app.fetch(`/api/meetings/${ids.meetingId}/documents`, {
        method: 'POST', body: again.body, headers: { 'content-type': again.contentType, cookie: `qrhop_session=${api.cookie('qrhop_session')}` },
        duplex: 'half',
      } as RequestInit);
      expect(ok.status).toBe(201);
      const doc = (await ok.json()).documents[0];
      const got = await download(`/s/${ids.token}/d/${doc.id}`);
      expect(got.status).toBe(200);
      expect(await sha256Of(got.body)).toEqual({ sha256: again.sha256(), bytes: 20 * MB });
    });
  });
}
