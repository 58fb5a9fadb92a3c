/**
 * The chunked, resumable upload on the real Node server (a child process), with the local disk
 * store and with S3 (s3rver): a 30 MB file in 8 MiB parts, one part cut mid-way and sent again,
 * the server killed between parts (nothing visible, the parts kept, the upload resumed), and a
 * byte-identical download. Refusals: part numbers outside the file, parts of the wrong size,
 * a file over the limit, a disguised file, another organizer's upload.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { sha256OfFile } from '../support/chunked-file-hash';
import { MiB, cutBody, partOf, putPart } from '../support/chunked-file';
import { makeExe } from '../support/sample-files';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { startServer, type RunningServer } from '../support/start-server';
import { pendingUploads, s3Env, storeOn } from '../s3/s3-fixtures';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'chunks@example.org', QRHOP_ADMIN_PASSWORD: 'chunked-upload-password' };
const SIZE = 30 * MiB + 12_345; // parts of 8 MiB: 8, 8, 8 and 6 MiB + 12,345 bytes
const PART = 8 * MiB;
const SEED = 17;

const hashOfFile = () => sha256OfFile(SEED, SIZE, PART);

for (const storage of ['local', 's3'] as const) {
  describe(`chunked upload on Node, ${storage} store`, () => {
    let s3: S3rverHandle | undefined;
    let server: RunningServer;
    let env: Record<string, string>;
    let client: ApiClient;
    const connect = async () => {
      client = new ApiClient((path, init) => fetch(server.url + path, init));
      await client.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    };

    beforeAll(async () => {
      if (storage === 's3') s3 = await startS3rver();
      env = { ...ADMIN, MAX_UPLOAD_MB: '40', ...(s3 ? s3Env(s3, { DOWNLOAD_MODE: 'proxy' }) : {}) };
      server = await startServer(env);
      await connect();
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      await s3?.destroy();
    });

    it('takes a 30 MB file in parts, survives a cut part and a killed server, and gives back the same bytes', async () => {
      const meeting = (await client.post('/api/meetings', { title: 'Kỳ họp thứ 9' })).body.meeting.id;
      const session = (await client.post(`/api/meetings/${meeting}/sessions`, { title: 'Phiên 1' })).body.session.id;
      const created = await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'Báo cáo tổng hợp.pdf', size: SIZE, sessionId: session });
      expect(created.status).toBe(201);
      const upload = created.body.upload;
      expect(upload).toMatchObject({ filename: 'Báo cáo tổng hợp.pdf', size: SIZE, partSize: PART, partCount: 4, receivedParts: [] });

      expect((await putPart(client, upload.id, 1, partOf(SEED, SIZE, PART, 1))).status).toBe(200);
      // Part 2 cut after 3 MiB: the client sees a failure, the server keeps nothing of it.
      await expect(putPart(client, upload.id, 2, cutBody(partOf(SEED, SIZE, PART, 2), 3 * MiB), { 'content-length': String(PART) })).rejects.toThrow();
      expect((await client.get(`/api/uploads/${upload.id}`)).body.upload.receivedParts).toEqual([1]);
      // Resumed: only the missing part goes again.
      expect((await putPart(client, upload.id, 2, partOf(SEED, SIZE, PART, 2))).body.upload.receivedParts).toEqual([1, 2]);

      // The server dies between parts: nothing is visible, and after the restart the upload resumes.
      await server.kill();
      server = await startServer(env, { dataDir: server.dataDir });
      await connect();
      expect((await client.get(`/api/meetings/${meeting}/documents`)).body.documents).toEqual([]);
      expect((await client.get(`/api/uploads/${upload.id}`)).body.upload.receivedParts).toEqual([1, 2]);
      // Completing too early names what is missing.
      const early = await client.post(`/api/uploads/${upload.id}/complete`);
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({ code: 'upload_incomplete', missingParts: [3, 4] });
      for (const n of [3, 4]) expect((await putPart(client, upload.id, n, partOf(SEED, SIZE, PART, n))).status).toBe(200);

      const done = await client.post(`/api/uploads/${upload.id}/complete`);
      expect(done.status).toBe(201);
      expect(done.body.documents[0]).toMatchObject({ id: upload.documentId, title: 'Báo cáo tổng hợp' });
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(404); // the upload is gone once it is a document
      const agenda = (await client.get(`/api/meetings/${meeting}`)).body;
      expect(agenda.sessions[0].documentIds).toEqual([upload.documentId]);

      const source = await client.fetch(`/api/documents/${upload.documentId}/versions/1/source`);
      expect(source.status).toBe(200);
      const hash = createHash('sha256');
      let length = 0;
      for await (const chunk of source.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        length += chunk.length;
      }
      expect(length).toBe(SIZE);
      expect(hash.digest('hex')).toBe(hashOfFile());
      if (s3) expect(await pendingUploads(storeOn(s3), s3.bucket)).toEqual([]);
    }, 180_000);

    it('answers two completions sent at once (a retry while the first still joins) with one document whose file is whole', async () => {
      const meeting = (await client.post('/api/meetings', { title: 'Kỳ họp bất thường' })).body.meeting.id;
      const upload = (await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'Tờ trình.pdf', size: SIZE })).body.upload;
      for (let n = 1; n <= 4; n++) expect((await putPart(client, upload.id, n, partOf(SEED, SIZE, PART, n))).status).toBe(200);
      const answers = await Promise.all([client.post(`/api/uploads/${upload.id}/complete`), client.post(`/api/uploads/${upload.id}/complete`)]);
      const made = answers.filter((a) => a.status === 201);
      const other = answers.filter((a) => a.status !== 201);
      expect(made).toHaveLength(1);
      // The other was told the upload is being completed (409), or, had it come after, that it is gone (404): never a 500.
      expect(other.map((a) => (a.status === 409 ? a.body.error.code : a.status))).toEqual([expect.stringMatching(/^(upload_completing|404)$/)]);
      expect(other[0]!.status === 409 || other[0]!.status === 404).toBe(true);
      const listed = (await client.get(`/api/meetings/${meeting}/documents`)).body.documents;
      expect(listed.map((d: { id: string }) => d.id)).toEqual([upload.documentId]);
      const source = await client.fetch(`/api/documents/${upload.documentId}/versions/1/source`);
      expect(source.status).toBe(200);
      const hash = createHash('sha256');
      for await (const chunk of source.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
      expect(hash.digest('hex')).toBe(hashOfFile());
    }, 180_000);

    it('refuses wrong parts with a precise error, and a disguised file before anything is visible', async () => {
      const meeting = (await client.post('/api/meetings', { title: 'Phiên chất vấn' })).body.meeting.id;
      const over = await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'lớn.pdf', size: 40 * MiB + 1 });
      expect(over.status).toBe(413);
      expect(over.body.error.code).toBe('file_too_large');

      const upload = (await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'a.pdf', size: SIZE })).body.upload;
      const first = partOf(SEED, SIZE, PART, 1);
      const outside = await putPart(client, upload.id, 5, first);
      expect(outside.status).toBe(400);
      expect(outside.body.error).toMatchObject({ code: 'part_out_of_range', partCount: 4 });
      expect((await putPart(client, upload.id, 0, first)).body.error.code).toBe('part_out_of_range');
      const short = await putPart(client, upload.id, 1, first.subarray(0, PART - 1));
      expect(short.status).toBe(400);
      expect(short.body.error).toMatchObject({ code: 'part_size_mismatch', partNumber: 1, expectedSize: PART });
      const long = await putPart(client, upload.id, 4, partOf(SEED, SIZE, PART, 3)); // 8 MiB where 6 MiB + 12,345 bytes belong
      expect(long.status).toBe(400);
      expect(long.body.error).toMatchObject({ code: 'part_size_mismatch', partNumber: 4, expectedSize: SIZE - 3 * PART });
      const early = await putPart(client, upload.id, 2, partOf(SEED, SIZE, PART, 2));
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('upload_not_started');

      // Another organizer of the same meeting cannot see or feed this upload.
      await client.post('/api/users', { email: 'other@example.org', name: 'Người khác', password: 'another-long-password', role: 'organizer' });
      const other = new ApiClient((path, init) => fetch(server.url + path, init));
      await other.login('other@example.org', 'another-long-password');
      expect((await other.get(`/api/uploads/${upload.id}`)).status).toBe(404);
      expect((await putPart(other, upload.id, 1, first)).status).toBe(404);

      // An executable named .pdf: refused on its first part, the whole upload dropped.
      const exe = new Uint8Array(PART);
      exe.set(makeExe());
      const disguised = await putPart(client, upload.id, 1, exe);
      expect(disguised.status).toBe(415);
      expect(disguised.body.error.code).toBe('unsupported_type');
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(404);
      expect((await client.get(`/api/meetings/${meeting}/documents`)).body.documents).toEqual([]);
      if (s3) expect(await pendingUploads(storeOn(s3), s3.bucket)).toEqual([]);
    }, 120_000);
  });
}
