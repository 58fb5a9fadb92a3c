/**
 * Replacing a document's file through the chunked upload, on the real Node server (a child
 * process), with the local disk store and with S3 (s3rver): a signed PDF replaced by a 30 MB
 * unsigned file in 8 MiB parts, one part cut and sent again, the delegate still served the old
 * bytes until completion, the signature-change question (409) answered with confirm=1 without a
 * part sent again, and the delegate's byte-identical download of the new version. Refusals: the
 * document deleted while the parts are on their way, another organizer without the meeting, a
 * file over the limit, a disguised file.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { ApiClient } from '../support/api-client';
import { sha256OfFile } from '../support/chunked-file-hash';
import { MiB, cutBody, partOf, putPart } from '../support/chunked-file';
import { makeExe, makePdf } from '../support/sample-files';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { startServer, type RunningServer } from '../support/start-server';
import { pendingUploads, s3Env, sha256Of, storeOn, waitFor } from '../s3/s3-fixtures';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'replace@example.org', QRHOP_ADMIN_PASSWORD: 'chunked-replace-password' };
const SIZE = 30 * MiB + 12_345; // parts of 8 MiB: 8, 8, 8 and 6 MiB + 12,345 bytes
const PART = 8 * MiB;
const SEED = 23;

const hashOfFile = () => sha256OfFile(SEED, SIZE, PART);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const storage of ['local', 's3'] as const) {
  describe(`chunked replacement on Node, ${storage} store`, () => {
    let s3: S3rverHandle | undefined;
    let server: RunningServer;
    let client: ApiClient;
    let meetingId: string;
    let sessionId: string;
    let token: string;

    /** A document of the published session, uploaded in one request. */
    const uploadOne = async (name: string, bytes: Uint8Array): Promise<string> => {
      const up = await client.upload(`/api/meetings/${meetingId}/documents`, [{ name, bytes, type: 'application/pdf' }], { sessionId });
      expect(up.status).toBe(201);
      return up.body.documents[0].id;
    };
    const delegateCopy = async (documentId: string) => {
      const res = await fetch(`${server.url}/s/${token}/d/${documentId}?download=1`);
      expect(res.status).toBe(200);
      return sha256Of(res.body);
    };
    const versionOf = async (documentId: string) =>
      (await client.get(`/api/meetings/${meetingId}/documents`)).body.documents.find((d: any) => d.id === documentId)?.version;

    beforeAll(async () => {
      if (storage === 's3') s3 = await startS3rver();
      server = await startServer({ ...ADMIN, MAX_UPLOAD_MB: '40', ...(s3 ? s3Env(s3, { DOWNLOAD_MODE: 'proxy' }) : {}) });
      client = new ApiClient((path, init) => fetch(server.url + path, init));
      await client.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
      meetingId = (await client.post('/api/meetings', { title: 'Kỳ họp thứ 9 HĐND huyện' })).body.meeting.id;
      sessionId = (await client.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc' })).body.session.id;
      expect((await client.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
      token = (await client.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      await s3?.destroy();
    });

    it('replaces a signed PDF in parts: old bytes served until completion, 409 then confirm=1 without a part sent again, new bytes identical', async () => {
      const { ca, signer } = await testSigners();
      const signed = await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:00:00Z') });
      const id = await uploadOne('Quyết định ký số.pdf', signed);
      // The current version's signature check runs in the background: the question needs it.
      await waitFor(async () => (await client.get(`/api/meetings/${meetingId}/documents`)).body.documents.find((d: any) => d.id === id)?.signature?.status !== undefined, 30_000, 'signature check');

      const started = await client.post(`/api/documents/${id}/uploads`, { filename: 'Quyết định (bản cuối).pdf', size: SIZE });
      expect(started.status).toBe(201);
      const upload = started.body.upload;
      expect(upload).toMatchObject({ documentId: id, replacesVersion: 1, size: SIZE, partSize: PART, partCount: 4, receivedParts: [] });

      expect((await putPart(client, upload.id, 1, partOf(SEED, SIZE, PART, 1))).status).toBe(200);
      // Part 2 cut after 3 MiB: the client sees a failure, the server keeps nothing of it.
      await expect(putPart(client, upload.id, 2, cutBody(partOf(SEED, SIZE, PART, 2), 3 * MiB), { 'content-length': String(PART) })).rejects.toThrow();
      expect((await client.get(`/api/uploads/${upload.id}`)).body.upload.receivedParts).toEqual([1]);
      for (const n of [2, 3, 4]) expect((await putPart(client, upload.id, n, partOf(SEED, SIZE, PART, n))).status).toBe(200);

      // Every part is in, nothing completed: the delegate still gets the signed file, version 1.
      expect(await delegateCopy(id)).toEqual({ sha256: sha(signed), bytes: signed.length });
      expect(await versionOf(id)).toBe(1);

      const asked = await client.post(`/api/uploads/${upload.id}/complete`);
      expect(asked.status).toBe(409);
      expect(asked.body.error.code).toBe('signature_change');
      expect(asked.body.error.signatureChange).toMatchObject({ before: { signer: 'Nguyễn Thị Hương' }, after: { status: 'unsigned' } });
      // The question changed nothing: still version 1, the old bytes, and the upload holds every part.
      expect(await versionOf(id)).toBe(1);
      expect(await delegateCopy(id)).toEqual({ sha256: sha(signed), bytes: signed.length });
      expect((await client.get(`/api/uploads/${upload.id}`)).body.upload.receivedParts).toEqual([1, 2, 3, 4]);
      const current = await client.fetch(`/api/documents/${id}/versions/1/source`);
      expect(await sha256Of(current.body)).toEqual({ sha256: sha(signed), bytes: signed.length });
      // Joined already: a part sent now is refused, precisely.
      const late = await putPart(client, upload.id, 4, partOf(SEED, SIZE, PART, 4));
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('upload_assembled');

      // Confirmed: no byte sent again, the same upload completes.
      const confirmed = await client.post(`/api/uploads/${upload.id}/complete?confirm=1`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.document).toMatchObject({ id, version: 2, filename: 'Quyết định (bản cuối).pdf', size: SIZE, sessionIds: [sessionId] });
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(404);

      expect(await delegateCopy(id)).toEqual({ sha256: hashOfFile(), bytes: SIZE });
      if (s3) expect(await pendingUploads(storeOn(s3), s3.bucket)).toEqual([]);
    }, 180_000);

    it('refuses parts and completion for a document deleted on the way, and leaves nothing behind', async () => {
      // Deleted between two parts: the next part is refused and the upload dropped.
      const first = await uploadOne('Tờ trình.pdf', makePdf('to trinh'));
      const a = (await client.post(`/api/documents/${first}/uploads`, { filename: 'Tờ trình mới.pdf', size: SIZE })).body.upload;
      expect((await putPart(client, a.id, 1, partOf(SEED, SIZE, PART, 1))).status).toBe(200);
      expect((await client.del(`/api/documents/${first}`)).status).toBe(204);
      const part = await putPart(client, a.id, 2, partOf(SEED, SIZE, PART, 2));
      expect(part.status).toBe(409);
      expect(part.body.error).toMatchObject({ code: 'document_gone', documentId: first });
      expect((await client.get(`/api/uploads/${a.id}`)).status).toBe(404);

      // Deleted with every part in: completion is refused the same way.
      const second = await uploadOne('Báo cáo.pdf', makePdf('bao cao'));
      const b = (await client.post(`/api/documents/${second}/uploads`, { filename: 'Báo cáo mới.pdf', size: SIZE })).body.upload;
      for (let n = 1; n <= 4; n++) expect((await putPart(client, b.id, n, partOf(SEED, SIZE, PART, n))).status).toBe(200);
      expect((await client.del(`/api/documents/${second}`)).status).toBe(204);
      const done = await client.post(`/api/uploads/${b.id}/complete`);
      expect(done.status).toBe(409);
      expect(done.body.error).toMatchObject({ code: 'document_gone', documentId: second });
      expect((await client.get(`/api/uploads/${b.id}`)).status).toBe(404);
      expect((await client.get(`/api/meetings/${meetingId}/documents`)).body.documents.map((d: any) => d.id)).not.toContain(second);
      if (s3) {
        expect(await pendingUploads(storeOn(s3), s3.bucket)).toEqual([]);
        const keys: string[] = [];
        for await (const o of storeOn(s3).list()) keys.push(o.key);
        expect(keys.filter((k) => k.includes(first) || k.includes(second))).toEqual([]);
      }
    }, 120_000);

    it('refuses another organizer, a file over the limit and a disguised file, leaving the document as it was', async () => {
      const id = await uploadOne('Nghị quyết.pdf', makePdf('nghi quyet'));
      await client.post('/api/users', { email: `other-${storage}@example.org`, name: 'Người khác', password: 'another-long-password', role: 'organizer' });
      const other = new ApiClient((path, init) => fetch(server.url + path, init));
      await other.login(`other-${storage}@example.org`, 'another-long-password');
      // Not a member of the meeting: the document is as missing as an unknown id.
      expect((await other.post(`/api/documents/${id}/uploads`, { filename: 'x.pdf', size: SIZE })).status).toBe(404);

      const over = await client.post(`/api/documents/${id}/uploads`, { filename: 'lớn.pdf', size: 40 * MiB + 1 });
      expect(over.status).toBe(413);
      expect(over.body.error.code).toBe('file_too_large');

      const upload = (await client.post(`/api/documents/${id}/uploads`, { filename: 'Nghị quyết.pdf', size: SIZE })).body.upload;
      const exe = new Uint8Array(PART);
      exe.set(makeExe());
      const disguised = await putPart(client, upload.id, 1, exe);
      expect(disguised.status).toBe(415);
      expect(disguised.body.error.code).toBe('unsupported_type');
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(404);
      expect(await versionOf(id)).toBe(1);
      if (s3) expect(await pendingUploads(storeOn(s3), s3.bucket)).toEqual([]);
    }, 120_000);
  });
}
