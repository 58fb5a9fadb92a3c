/**
 * The chunked, resumable upload in workerd (real D1, R2 and Durable Objects): a 300 MB file
 * in 8 MiB parts through the Worker — each request far under Cloudflare's 100 MB body limit —
 * with one part cut mid-way and sent again, then downloaded by a delegate byte for byte
 * (SHA-256 of the bytes generated part by part, never the whole file in memory). And an
 * abandoned upload aborted by the Cron Trigger's sweep: R2 no longer knows the upload. And a
 * document's file replaced by a 100 MB one in parts (past the limit one request could carry):
 * the delegate gets the old bytes until completion, then the new ones, byte for byte.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkedUploads } from '../../server/db/schema';
import worker from '../../server/runtime/workers/worker';
import { ApiClient } from '../support/api-client';
import { MiB, cutBody, partOf, putPart } from '../support/chunked-file';
import { makeWorkerHarness, type WorkerHarness } from './worker-harness';

const PASSWORD = 'correct horse battery';
const PART = 8 * MiB;
const SIZE = 300 * 1000 * 1000; // 300 MB: 35 parts of 8 MiB and a last one of 6,398,720 bytes
const PARTS = Math.ceil(SIZE / PART);
const SEED = 300;
const HOUR = 60 * 60 * 1000;

interface DigestStreamLike extends WritableStream<Uint8Array> { digest: Promise<ArrayBuffer> }
const digestStream = () => new (crypto as unknown as { DigestStream: new (algorithm: string) => DigestStreamLike }).DigestStream('SHA-256');
const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

describe('chunked upload on Workers', () => {
  let h: WorkerHarness;
  let organizer: ApiClient;

  beforeAll(async () => {
    h = await makeWorkerHarness({ MAX_UPLOAD_MB: '400' });
    await h.addUser({ email: 'chunks-admin@example.org', name: 'Quản trị', password: PASSWORD, role: 'admin' });
    organizer = new ApiClient(h.fetch);
    await organizer.login('chunks-admin@example.org', PASSWORD);
  });

  it('takes 300 MB in 8 MiB parts with one part cut and resumed, and a delegate downloads the same bytes', async () => {
    const meeting = (await organizer.post('/api/meetings', { title: 'Kỳ họp HĐND tỉnh' })).body.meeting.id;
    const session = (await organizer.post(`/api/meetings/${meeting}/sessions`, { title: 'Phiên toàn thể' })).body.session.id;
    const token = (await organizer.get(`/api/sessions/${session}/codes`)).body.codes[0].token;
    const created = await organizer.post(`/api/meetings/${meeting}/uploads`, { filename: 'Hồ sơ quy hoạch tỉnh.pdf', size: SIZE, sessionId: session });
    expect(created.status).toBe(201);
    const upload = created.body.upload;
    expect(upload).toMatchObject({ partSize: PART, partCount: PARTS });

    const sent = digestStream();
    const hashing = sent.getWriter();
    const CUT = 17;
    for (let n = 1; n <= PARTS; n++) {
      const part = partOf(SEED, SIZE, PART, n);
      await hashing.write(part);
      if (n === CUT) {
        // The connection drops 5 MiB into part 17: the Worker keeps nothing of it…
        const cut = await putPart(organizer, upload.id, n, cutBody(part, 5 * MiB));
        expect(cut.status).toBe(400);
        expect(cut.body.error.code).toBe('upload_interrupted');
        // …and the console asks what the server holds, and sends only what is missing.
        const status = await organizer.get(`/api/uploads/${upload.id}`);
        expect(status.body.upload.receivedParts).toEqual(Array.from({ length: CUT - 1 }, (_, i) => i + 1));
      }
      const put = await putPart(organizer, upload.id, n, part);
      expect(put.status).toBe(200);
    }
    await hashing.close();
    const expected = hex(await sent.digest);

    const done = await organizer.post(`/api/uploads/${upload.id}/complete`);
    expect(done.status).toBe(201);
    expect(done.body.documents[0]).toMatchObject({ id: upload.documentId, title: 'Hồ sơ quy hoạch tỉnh' });
    expect((await organizer.patch(`/api/meetings/${meeting}`, { status: 'published' })).status).toBe(200);

    const download = await h.fetch(`/s/${token}/d/${upload.documentId}?download=1`, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile Safari/537.36' } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(SIZE));
    const received = digestStream();
    await download.body!.pipeTo(received);
    expect(hex(await received.digest)).toBe(expected);
  }, 600_000);

  it('replaces a document\'s file with 100 MB in parts, one cut and resumed; the delegate gets the old bytes until completion, then the new ones', async () => {
    const meeting = (await organizer.post('/api/meetings', { title: 'Kỳ họp HĐND tỉnh, phiên chuyên đề' })).body.meeting.id;
    const session = (await organizer.post(`/api/meetings/${meeting}/sessions`, { title: 'Phiên chuyên đề' })).body.session.id;
    const token = (await organizer.get(`/api/sessions/${session}/codes`)).body.codes[0].token;
    const old = partOf(5, 50_000, PART, 1); // a 50 KB first version
    const form = new FormData();
    form.append('sessionId', session);
    form.append('file', new File([old as Uint8Array<ArrayBuffer>], 'Bản đồ quy hoạch.pdf', { type: 'application/pdf' }));
    const first = await organizer.fetch(`/api/meetings/${meeting}/documents`, { method: 'POST', body: form });
    expect(first.status).toBe(201);
    const documentId = ((await first.json()) as any).documents[0].id as string;
    expect((await organizer.patch(`/api/meetings/${meeting}`, { status: 'published' })).status).toBe(200);
    const delegateHash = async () => {
      const download = await h.fetch(`/s/${token}/d/${documentId}?download=1`, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile Safari/537.36' } });
      expect(download.status).toBe(200);
      const received = digestStream();
      await download.body!.pipeTo(received);
      return { sha256: hex(await received.digest), bytes: Number(download.headers.get('content-length')) };
    };
    const oldHash = { sha256: hex(await crypto.subtle.digest('SHA-256', old as Uint8Array<ArrayBuffer>)), bytes: old.length };

    const size = 100 * 1000 * 1000; // 100 MB: 11 parts of 8 MiB and a last one of 7,725,312 bytes
    const count = Math.ceil(size / PART);
    const started = await organizer.post(`/api/documents/${documentId}/uploads`, { filename: 'Bản đồ quy hoạch (bản cuối).pdf', size });
    expect(started.status).toBe(201);
    const upload = started.body.upload;
    expect(upload).toMatchObject({ documentId, replacesVersion: 1, partCount: 12 });
    const sent = digestStream();
    const hashing = sent.getWriter();
    for (let n = 1; n <= count; n++) {
      const part = partOf(SEED + 1, size, PART, n);
      await hashing.write(part);
      if (n === 5) {
        const cut = await putPart(organizer, upload.id, n, cutBody(part, 3 * MiB));
        expect(cut.body.error.code).toBe('upload_interrupted');
      }
      expect((await putPart(organizer, upload.id, n, part)).status).toBe(200);
    }
    await hashing.close();
    // Every part is in R2, nothing completed: the delegate still gets version 1.
    expect(await delegateHash()).toEqual(oldHash);

    const done = await organizer.post(`/api/uploads/${upload.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.document).toMatchObject({ id: documentId, version: 2, size, sessionIds: [session] });
    expect(await delegateHash()).toEqual({ sha256: hex(await sent.digest), bytes: size });
  }, 600_000);

  it('aborts an upload left without a part for a day from the Cron Trigger: R2 no longer knows it', async () => {
    const meeting = (await organizer.post('/api/meetings', { title: 'Bỏ dở' })).body.meeting.id;
    const size = PART + 1000;
    const upload = (await organizer.post(`/api/meetings/${meeting}/uploads`, { filename: 'bo-do.pdf', size })).body.upload;
    expect((await putPart(organizer, upload.id, 1, partOf(7, size, PART, 1))).status).toBe(200);
    const [row] = await h.db.select().from(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
    const key = row!.storageKey;
    const r2Upload = () => h.env.DOCUMENTS.resumeMultipartUpload(key, row!.storeUploadId!);
    // R2 holds the upload: another part goes in.
    await r2Upload().uploadPart(2, new Uint8Array(1000));

    await worker.scheduled({ scheduledTime: Date.now() + 23 * HOUR }, h.env);
    expect((await organizer.get(`/api/uploads/${upload.id}`)).status).toBe(200); // idle for less than a day: kept

    await worker.scheduled({ scheduledTime: Date.now() + 25 * HOUR }, h.env);
    expect((await organizer.get(`/api/uploads/${upload.id}`)).status).toBe(404);
    await expect(r2Upload().uploadPart(2, new Uint8Array(1000))).rejects.toThrow();
    expect(await h.env.DOCUMENTS.head(key)).toBeNull();
  }, 60_000);
});
