/**
 * The orphan sweep on local disk and on S3 (s3rver): stored objects no document
 * version points to are removed once older than the grace period; everything else
 * (referenced versions, young uploads, files the app did not write) stays.
 */
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../server/storage/object-store';
import type { S3Store } from '../../server/runtime/node/s3-store';
import { scheduleOrphanSweep, sweepOrphans } from '../../server/storage/sweep-orphans';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { logoPng } from '../print/fixtures';
import { makePdf } from '../support/sample-files';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { pendingUploads, s3Env, storeOn, waitFor } from './s3-fixtures';

const PASSWORD = 'correct horse battery';
const HOUR = 3_600_000;
const LATER = () => Date.now() + 25 * HOUR; // past the default 24 h grace period

interface Backend {
  /** null: the app's own local store under its data dir. */
  store(): ObjectStore | null;
  /** Environment for the CLI, on top of DATA_DIR. */
  env(): Record<string, string>;
  /** Makes a stored object look `hours` old, where the backend allows it. */
  age?(app: NodeTestApp, key: string, hours: number): void;
  setup?(): Promise<void>;
  cleanup?(): Promise<void>;
}

function put(store: ObjectStore, key: string, bytes: Uint8Array) {
  return store.put(key, new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }), { contentType: 'application/pdf' });
}

async function keysOf(store: ObjectStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of store.list()) keys.push(item.key);
  return keys.sort();
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/runtime/node/cli/main.ts', ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function describeSweep(name: string, backend: Backend) {
  describe(`orphan sweep (${name})`, () => {
    let app: NodeTestApp;
    let api: ApiClient;
    let meetingId: string;
    let docId: string;
    let referenced: string[];

    beforeAll(async () => {
      await backend.setup?.();
      app = await makeNodeApp({ ...(backend.store() ? { store: backend.store()! } : {}) });
      await app.addUser({ email: 'org@example.org', name: 'Văn phòng', password: PASSWORD, role: 'organizer' });
      api = new ApiClient(app.fetch);
      await api.login('org@example.org', PASSWORD);
      meetingId = (await api.post('/api/meetings', { title: 'Hội nghị tổng kết' })).body.meeting.id;
      const up = await api.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Báo cáo.pdf', bytes: makePdf('v1') }]);
      docId = up.body.documents[0].id;
      // A second version: the first one stays referenced by its row.
      expect((await api.upload(`/api/documents/${docId}/file`, [{ name: 'Báo cáo (sửa).pdf', bytes: makePdf('v2') }], {}, 'PUT')).status).toBe(200);
      referenced = await keysOf(app.store);
      expect(referenced).toHaveLength(2);
    });
    afterAll(async () => {
      await app?.close();
      await backend.cleanup?.();
    });

    const orphanKey = () => `docs/${meetingId}/${randomBytes(8).toString('hex')}/${randomBytes(8).toString('hex')}`;

    it('removes old unreferenced objects of the app, reports keys and bytes, and keeps everything else', async () => {
      const orphans = [orphanKey(), orphanKey()];
      await put(app.store, orphans[0]!, new Uint8Array(300));
      await put(app.store, orphans[1]!, new Uint8Array(700));
      const foreign = 'other-tool/report';
      await put(app.store, foreign, new Uint8Array(10));

      // Young (an upload in flight has its object before its row): kept.
      const now = await sweepOrphans(app.db.db, app.store);
      expect(now.removed).toEqual([]);
      expect(now.young).toBe(2);
      expect(now.scanned).toBe(4);

      const dry = await sweepOrphans(app.db.db, app.store, { now: LATER(), dryRun: true });
      expect(dry.dryRun).toBe(true);
      expect(dry.removed.map((o) => o.key).sort()).toEqual([...orphans].sort());
      expect(dry.bytes).toBe(1000);
      expect(await keysOf(app.store)).toEqual([...referenced, ...orphans, foreign].sort());

      const swept = await sweepOrphans(app.db.db, app.store, { now: LATER() });
      expect(swept.removed.map((o) => o.key).sort()).toEqual([...orphans].sort());
      expect(swept.removed.every((o) => o.lastModified instanceof Date)).toBe(true);
      expect(swept.bytes).toBe(1000);
      expect(await keysOf(app.store)).toEqual([...referenced, foreign].sort());
      // Both versions of the document are still served from the store.
      for (const key of referenced) expect(await app.store.head(key)).not.toBeNull();

      const again = await sweepOrphans(app.db.db, app.store, { now: LATER() });
      expect(again.removed).toEqual([]);
      await app.store.delete(foreign);
    });

    it('a grace period of 0 removes young orphans too, and a negative one is refused', async () => {
      const orphan = orphanKey();
      await put(app.store, orphan, new Uint8Array(5));
      await expect(sweepOrphans(app.db.db, app.store, { graceMs: -1 })).rejects.toThrow(/grace/);
      const swept = await sweepOrphans(app.db.db, app.store, { graceMs: 0, now: Date.now() + 1000 });
      expect(swept.removed.map((o) => o.key)).toEqual([orphan]);
    });

    it('covers sheet logos: the current logo stays, a logo object no meeting points to goes, a removed logo is gone', async () => {
      expect((await api.fetch(`/api/meetings/${meetingId}/logo`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: logoPng() as Uint8Array<ArrayBuffer> })).status).toBe(200);
      const logoKey = (await keysOf(app.store)).find((key) => key.startsWith('logos/'))!;
      expect(logoKey).toMatch(new RegExp(`^logos/${meetingId}/`));
      const orphan = `logos/${meetingId}/${randomBytes(8).toString('hex')}`;
      await put(app.store, orphan, new Uint8Array(50));
      const swept = await sweepOrphans(app.db.db, app.store, { now: LATER() });
      expect(swept.removed.map((o) => o.key)).toEqual([orphan]);
      expect(await keysOf(app.store)).toEqual([...referenced, logoKey].sort());
      expect((await api.del(`/api/meetings/${meetingId}/logo`)).status).toBe(204);
      expect(await keysOf(app.store)).toEqual(referenced);
    });

    it('the objects of a deleted document are gone (or swept): none stays behind', async () => {
      const up = await api.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Tờ trình.pdf', bytes: makePdf('tt') }]);
      const id = up.body.documents[0].id;
      expect((await api.del(`/api/documents/${id}`)).status).toBe(204);
      await sweepOrphans(app.db.db, app.store, { now: LATER() });
      expect(await keysOf(app.store)).toEqual(referenced);
    });

    it('runs on a schedule, logs what it removed, and stops', async () => {
      const orphan = orphanKey();
      await put(app.store, orphan, new Uint8Array(42));
      const lines: string[] = [];
      const schedule = scheduleOrphanSweep(app.db.db, app.store, { everyMs: 50, graceMs: 0, now: () => Date.now() + 1000, log: (l) => lines.push(l) });
      try {
        await waitFor(() => lines.length > 0, 10_000, 'a scheduled sweep');
      } finally {
        schedule.stop();
      }
      expect(lines[0]).toBe('orphan sweep: removed 1 object(s), 42 B (3 scanned, 0 unreferenced kept inside the grace period)');
      expect(lines[1]).toContain(orphan);
      expect(await app.store.head(orphan)).toBeNull();
      // Nothing to remove: nothing logged.
      const quiet: string[] = [];
      const idle = scheduleOrphanSweep(app.db.db, app.store, { everyMs: 20, graceMs: 0, log: (l) => quiet.push(l) });
      await new Promise((resolve) => setTimeout(resolve, 150));
      idle.stop();
      expect(quiet).toEqual([]);
    });

    it('qrhop sweep: --dry-run lists, a real run removes, a bad --grace-hours is refused', { timeout: 120_000 }, async () => {
      const env = { DATA_DIR: app.dir, ...backend.env() };
      const old = orphanKey();
      await put(app.store, old, new Uint8Array(2048));
      const young = orphanKey();
      await put(app.store, young, new Uint8Array(1));
      const grace = backend.age ? [] : ['--grace-hours', '0'];
      backend.age?.(app, old, 48);

      const dry = await runCli(['sweep', '--dry-run', ...grace], env);
      expect(dry.stderr).not.toMatch(/^qrhop:/m);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^orphan sweep: would remove \d+ object\(s\)/);
      expect(dry.stdout).toContain(old);
      expect(await app.store.head(old)).not.toBeNull();

      const real = await runCli(['sweep', ...grace], env);
      expect(real.code).toBe(0);
      expect(real.stdout).toMatch(/^orphan sweep: removed \d+ object\(s\)/);
      expect(real.stdout).toContain(`${old}  2.0 KB`);
      expect(await app.store.head(old)).toBeNull();
      if (backend.age) {
        // The default 24 h grace period kept the young one.
        expect(real.stdout).toContain('1 unreferenced kept inside the grace period');
        expect(await app.store.head(young)).not.toBeNull();
      }
      expect(await keysOf(app.store)).toEqual(backend.age ? [...referenced, young].sort() : referenced);

      const bad = await runCli(['sweep', '--grace-hours', 'soon'], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('qrhop: --grace-hours: expected a number of hours ≥ 0, got "soon"');
    });
  });
}

describeSweep('local disk', {
  store: () => null,
  env: () => ({ STORAGE: 'local' }),
  age: (app, key, hours) => {
    const when = new Date(Date.now() - hours * HOUR);
    utimesSync(join(app.dir, 'objects', ...key.split('/')), when, when);
  },
});

let s3: S3rverHandle;
let s3Store: S3Store;
describeSweep('S3 on s3rver', {
  setup: async () => {
    s3 = await startS3rver();
    s3Store = storeOn(s3);
  },
  store: () => s3Store,
  env: () => s3Env(s3),
  cleanup: async () => {
    s3Store?.client.destroy();
    await s3?.destroy();
  },
});

describe('orphan sweep, S3 specifics', () => {
  let server: S3rverHandle;
  let store: S3Store;
  let app: NodeTestApp;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startS3rver();
    store = storeOn(server);
    app = await makeNodeApp({ store });
    await app.addUser({ email: 'org@example.org', name: 'Văn phòng', password: PASSWORD, role: 'organizer' });
    api = new ApiClient(app.fetch);
    await api.login('org@example.org', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    store?.client.destroy();
    await server?.destroy();
  });

  it('a document deleted while S3 is down leaves its object; the sweep removes it after recovery', async () => {
    const meetingId = (await api.post('/api/meetings', { title: 'Kỳ họp' })).body.meeting.id;
    const id = (await api.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Dự thảo.pdf', bytes: makePdf('dt') }])).body.documents[0].id;
    const [key] = await keysOf(store);
    await server.stop();
    try {
      // The row goes (delegates stop seeing it at once); the object cannot be deleted yet.
      expect((await api.del(`/api/documents/${id}`)).status).toBe(204);
      // And a sweep during the outage fails cleanly.
      await expect(sweepOrphans(app.db.db, store, { now: LATER() })).rejects.toMatchObject({ name: 'StorageUnavailableError' });
      const lines: string[] = [];
      const schedule = scheduleOrphanSweep(app.db.db, store, { everyMs: 50, log: (l) => lines.push(l) });
      await waitFor(() => lines.length > 0, 10_000, 'a logged failure');
      schedule.stop();
      expect(lines[0]).toMatch(/^orphan sweep: failed, will retry in \d+ min: S3 list: .* is unavailable/);
    } finally {
      await server.restart();
    }
    expect(await keysOf(store)).toEqual([key]);
    const swept = await sweepOrphans(app.db.db, store, { now: LATER() });
    expect(swept.removed.map((o) => o.key)).toEqual([key]);
    expect(await keysOf(store)).toEqual([]);
  });

  it('aborts multipart uploads left unfinished for longer than the grace period', async () => {
    const Key = `docs/m/d/${randomBytes(6).toString('hex')}`;
    const { UploadId } = await store.client.send(new CreateMultipartUploadCommand({ Bucket: server.bucket, Key }));
    await store.client.send(new UploadPartCommand({ Bucket: server.bucket, Key, UploadId, PartNumber: 1, Body: randomBytes(1024) }));
    expect(await pendingUploads(store, server.bucket)).toHaveLength(1);

    expect((await sweepOrphans(app.db.db, store)).abortedUploads).toEqual([]); // young: may still be running
    const dry = await sweepOrphans(app.db.db, store, { now: LATER(), dryRun: true });
    expect(dry.abortedUploads).toMatchObject([{ key: Key, uploadId: UploadId }]);
    expect(await pendingUploads(store, server.bucket)).toHaveLength(1);
    const swept = await sweepOrphans(app.db.db, store, { now: LATER() });
    expect(swept.abortedUploads).toMatchObject([{ key: Key, uploadId: UploadId }]);
    expect(await pendingUploads(store, server.bucket)).toEqual([]);
  });
});
