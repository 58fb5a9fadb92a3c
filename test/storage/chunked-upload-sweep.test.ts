/**
 * Chunked uploads at their edges, on the local disk store and on S3 (s3rver), in process:
 * an upload left without a part for a day is aborted by the orphan sweep (the parts leave
 * the store, the upload is gone), one idle for less is kept; and the assembled file is
 * checked again at completion — a part 1 rewritten behind the first check is refused there,
 * with no document and no object left. A replacement joined and waiting for its
 * signature-change confirmation keeps its file while its row is live, and loses it (no
 * multipart abort of a finished upload) once abandoned.
 */
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkedUploadParts, chunkedUploads } from '../../server/db/schema';
import { JobRunner } from '../../server/jobs/job-runner';
import { nodeHash } from '../../server/runtime/node/node-hash';
import { CHECK_SIGNATURES } from '../../server/signatures/check-document-signatures';
import { checkSignaturesJob } from '../../server/signatures/check-signatures-job';
import { NO_TRUST_ANCHORS } from '../../server/signatures/trust-anchors';
import { signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { sweepOrphans } from '../../server/storage/sweep-orphans';
import { ApiClient } from '../support/api-client';
import { MiB, partOf, putPart } from '../support/chunked-file';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makeExe } from '../support/sample-files';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { pendingUploads, storeOn } from '../s3/s3-fixtures';

const HOUR = 60 * 60 * 1000;
const PART = 8 * MiB;
const SIZE = PART + 1000; // two parts
const ADMIN = { email: 'sweep@example.org', name: 'Quản trị', password: 'sweep-test-password', role: 'admin' as const };

for (const storage of ['local', 's3'] as const) {
  describe(`chunked uploads, ${storage} store`, () => {
    let s3: S3rverHandle | undefined;
    let app: NodeTestApp;
    let client: ApiClient;

    beforeAll(async () => {
      if (storage === 's3') s3 = await startS3rver();
      app = await makeNodeApp({ ...(s3 && { store: storeOn(s3) }), settings: { maxUploadBytes: 64 * MiB } });
      await app.addUser(ADMIN);
      client = new ApiClient(app.fetch);
      await client.login(ADMIN.email, ADMIN.password);
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await s3?.destroy();
    });

    const leftInStore = async () => s3
      ? (await pendingUploads(storeOn(s3), s3.bucket)).length
      : readdirSync(join(app.dir, 'objects', '.uploads')).length;

    it('aborts an upload without a part for a day, and keeps one idle for less', async () => {
      const meeting = (await client.post('/api/meetings', { title: 'Bỏ dở' })).body.meeting.id;
      const upload = (await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'bo-do.pdf', size: SIZE })).body.upload;
      expect((await putPart(client, upload.id, 1, partOf(3, SIZE, PART, 1))).status).toBe(200);
      expect(await leftInStore()).toBe(1);

      const soon = await sweepOrphans(app.db.db, app.store, { now: Date.now() + 23 * HOUR });
      expect(soon.abortedUploads).toEqual([]);
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(200);

      const later = await sweepOrphans(app.db.db, app.store, { now: Date.now() + 25 * HOUR });
      expect(later.abortedUploads.map((u) => u.key.split('/').slice(0, 3).join('/'))).toEqual([`docs/${meeting}/${upload.documentId}`]);
      expect(await leftInStore()).toBe(0);
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(404);
    }, 60_000);

    it('keeps an upload begun over a day ago that still receives parts (the store\'s own stale sweep asks the rows)', async () => {
      const meeting = (await client.post('/api/meetings', { title: 'Tải chậm' })).body.meeting.id;
      const upload = (await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'cham.pdf', size: SIZE })).body.upload;
      expect((await putPart(client, upload.id, 1, partOf(9, SIZE, PART, 1))).status).toBe(200);
      const [row] = await app.db.db.select().from(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
      // The store's record of the upload made two days old (S3's "Initiated", the local folder's time).
      const folder = s3 ? join(s3.directory, s3.bucket, '._S3rver_uploads', row!.storeUploadId!) : join(app.dir, 'objects', '.uploads', row!.storeUploadId!);
      const old = new Date(Date.now() - 48 * HOUR);
      utimesSync(folder, old, old);
      const swept = await sweepOrphans(app.db.db, app.store);
      expect(swept.abortedUploads).toEqual([]);
      expect((await putPart(client, upload.id, 2, partOf(9, SIZE, PART, 2))).status).toBe(200);
      expect((await client.post(`/api/uploads/${upload.id}/complete`)).status).toBe(201);
    }, 60_000);

    it('checks the assembled file again at completion: a part 1 rewritten behind the first check leaves nothing', async () => {
      const meeting = (await client.post('/api/meetings', { title: 'Ngụy trang' })).body.meeting.id;
      const upload = (await client.post(`/api/meetings/${meeting}/uploads`, { filename: 'nghi-quyet.pdf', size: SIZE })).body.upload;
      for (const n of [1, 2]) expect((await putPart(client, upload.id, n, partOf(5, SIZE, PART, n))).status).toBe(200);
      // Part 1 replaced in the store by an executable, recorded as the part (what a write racing the check would leave).
      const [row] = await app.db.db.select().from(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
      const exe = new Uint8Array(PART);
      exe.set(makeExe());
      const written = await app.store.multipart!.putPart(row!.storageKey, row!.storeUploadId!, 1, exe);
      await app.db.db.update(chunkedUploadParts).set({ etag: written.etag }).where(eq(chunkedUploadParts.uploadId, upload.id));

      const done = await client.post(`/api/uploads/${upload.id}/complete`);
      expect(done.status).toBe(415);
      expect(done.body.error.code).toBe('unsupported_type');
      expect((await client.get(`/api/meetings/${meeting}/documents`)).body.documents).toEqual([]);
      expect(await app.store.head(row!.storageKey)).toBeNull();
      expect((await client.get(`/api/uploads/${upload.id}`)).status).toBe(404);
      expect(await leftInStore()).toBe(0);
    }, 60_000);

    it('keeps a replacement waiting for its signature-change confirmation while its row lives, and drops its joined file once abandoned', async () => {
      app.deps.signatures = { anchors: NO_TRUST_ANCHORS, hash: nodeHash };
      const runner = new JobRunner({ db: app.deps.db, now: app.deps.now }, { [CHECK_SIGNATURES]: checkSignaturesJob({ store: app.store, signatures: app.deps.signatures }) }, { concurrency: 1, pollMs: 50, log: () => {} });
      app.deps.jobs = runner;
      try {
        const meeting = (await client.post('/api/meetings', { title: 'Chờ xác nhận' })).body.meeting.id;
        const { ca, signer } = await testSigners();
        const signed = await signedPdf({ signer, chain: [ca] });
        const up = await client.upload(`/api/meetings/${meeting}/documents`, ['Quyết định A.pdf', 'Quyết định B.pdf'].map((name) => ({ name, bytes: signed, type: 'application/pdf' })));
        const [a, b] = up.body.documents.map((d: { id: string }) => d.id);
        await runner.start();
        await runner.idle();
        const waiting = async (documentId: string) => {
          const upload = (await client.post(`/api/documents/${documentId}/uploads`, { filename: 'ban-moi.pdf', size: SIZE })).body.upload;
          for (const n of [1, 2]) expect((await putPart(client, upload.id, n, partOf(6, SIZE, PART, n))).status).toBe(200);
          expect((await client.post(`/api/uploads/${upload.id}/complete`)).body.error.code).toBe('signature_change');
          const [row] = await app.db.db.select().from(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
          expect(row!.assembledAt).not.toBeNull();
          expect(await app.store.head(row!.storageKey)).not.toBeNull();
          return { upload, key: row!.storageKey };
        };

        // The joined file is a day old, but its upload's row is live: the orphan sweep keeps it.
        const kept = await waiting(a);
        await app.db.db.update(chunkedUploads).set({ touchedAt: new Date(Date.now() + 2 * HOUR) }).where(eq(chunkedUploads.id, kept.upload.id));
        const sweep = await sweepOrphans(app.db.db, app.store, { now: Date.now() + 25 * HOUR });
        expect(sweep.removed.map((o) => o.key)).not.toContain(kept.key);
        expect((await client.post(`/api/uploads/${kept.upload.id}/complete?confirm=1`)).body.document).toMatchObject({ id: a, version: 2 });

        // Never answered: the sweep deletes the joined file with the upload, and the document stays as it was.
        const dropped = await waiting(b);
        const later = await sweepOrphans(app.db.db, app.store, { now: Date.now() + 25 * HOUR });
        expect(later.abortedUploads.map((u) => u.key)).toContain(dropped.key);
        expect(await app.store.head(dropped.key)).toBeNull();
        expect((await client.get(`/api/uploads/${dropped.upload.id}`)).status).toBe(404);
        expect((await client.get(`/api/meetings/${meeting}/documents`)).body.documents.find((d: { id: string }) => d.id === b).version).toBe(1);
        expect(await leftInStore()).toBe(0);
      } finally {
        await runner.stop();
        app.deps.jobs = undefined;
      }
    }, 60_000);
  });
}
