/**
 * What only the Workers entry does: the real request pipeline (SELF), compressed
 * pages, the console through the ASSETS binding, vars and secrets, the first
 * admin, the Cron Trigger.
 */
import { createExecutionContext, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { gte } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessEvents } from '../../server/db/schema';
import worker, { type WorkerEnv } from '../../server/runtime/workers/worker';
import { ApiClient } from '../support/api-client';
import { makePdf, sha256 } from '../support/sample-files';
import { makeWorkerHarness, ORIGIN, type WorkerHarness } from './worker-harness';

const PASSWORD = 'correct horse battery';
const self = (path: string, init?: RequestInit) => SELF.fetch(new Request(new URL(path, ORIGIN), init));

describe('Workers entry', () => {
  let h: WorkerHarness;
  let admin: ApiClient;
  let token: string;
  let docId: string;
  let meetingId: string;
  const pdf = makePdf('Workers', 300 * 1024);

  beforeAll(async () => {
    h = await makeWorkerHarness();
    await h.addUser({ email: 'runtime-admin@example.org', name: 'Admin', password: PASSWORD, role: 'admin' });
    admin = new ApiClient(h.fetch);
    await admin.login('runtime-admin@example.org', PASSWORD);
    const meeting = (await admin.post('/api/meetings', { title: 'Kỳ họp thứ nhất' })).body;
    const sessionId = (await admin.post(`/api/meetings/${meeting.meeting.id}/sessions`, { title: 'Khai mạc' })).body.session.id;
    docId = (await admin.upload(`/api/meetings/${meeting.meeting.id}/documents`, [{ name: 'Báo cáo.pdf', bytes: pdf }], { sessionId })).body.documents[0].id;
    await admin.patch(`/api/meetings/${meeting.meeting.id}`, { status: 'published' });
    token = meeting.codes[0].token;
    meetingId = meeting.meeting.id;
  });

  it('serves the delegate page gzip-compressed through the real pipeline, decodable once', async () => {
    const res = await self(`/s/${token}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const html = await res.text();
    expect(html).toContain('Kỳ họp thứ nhất');
    expect(html).toContain(`/s/${token}/d/${docId}`);
  });

  it('streams a document from R2 through the real pipeline, whole and by range', async () => {
    const whole = await self(`/s/${token}/d/${docId}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(pdf.length));
    expect(await sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(await sha256(pdf));
    const part = await self(`/s/${token}/d/${docId}`, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${pdf.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(pdf.subarray(1000, 2000));
  });

  it('serves the console under /admin/ through the ASSETS binding, with the app\'s headers', async () => {
    const index = await self('/admin/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('QRHop test console');
    const script = await self('/admin/assets/app-test123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const deepLink = await self('/admin/meetings/abc');
    expect(await deepLink.text()).toContain('QRHop test console');
    expect((await self('/admin/assets/missing.js')).status).toBe(404);
    // The built files are only reachable under /admin/, through the app.
    expect((await self('/index.html')).status).toBe(404);
    expect((await self('/assets/app-test123.js')).status).toBe(404);
  });

  it('prints the PDF sheets with the fonts bundled into the Worker', async () => {
    for (const layout of ['a4', 'tent', 'grid']) {
      const res = await admin.fetch(`/api/meetings/${meetingId}/sheets.pdf?layout=${layout}&meeting=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const doc = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
      expect(doc.getPageCount()).toBeGreaterThan(0);
    }
  });

  it('tells the console the upload cap before an upload starts (MAX_UPLOAD_MB, 200 by default)', async () => {
    expect(env.MAX_UPLOAD_MB).toBe('200');
    const me = await admin.get('/api/me');
    expect(me.body.limits.maxUploadBytes).toBe(1024 * 1024); // the harness's MAX_UPLOAD_MB=1
    const defaults = await makeWorkerHarness({ MAX_UPLOAD_MB: undefined });
    const client = new ApiClient(defaults.fetch);
    await client.login('runtime-admin@example.org', PASSWORD);
    expect((await client.get('/api/me')).body.limits.maxUploadBytes).toBe(200 * 1024 * 1024);
  });

  it('refuses to start on a bad var or a missing secret, naming the variable but not its value', async () => {
    const bad = await makeWorkerHarness({ MAX_UPLOAD_MB: 'lots' });
    const res = await bad.fetch('/healthz');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain('MAX_UPLOAD_MB');
    expect(text).not.toContain('lots');
    const noSecret = await makeWorkerHarness({ QRHOP_SECRET: undefined });
    const missing = await noSecret.fetch('/healthz');
    expect(missing.status).toBe(500);
    expect(await missing.text()).toContain('wrangler secret put QRHOP_SECRET');
  });

  it('records a delegate\'s view in the meeting\'s object, written to D1 by its alarm, not by the stats read', async () => {
    // Only this view counts: earlier tests' views may still be waiting for their own alarm.
    const since = new Date(Date.now() - 1);
    const mine = async () => (await h.db.select().from(accessEvents).where(gte(accessEvents.at, since))).length;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${ORIGIN}/s/${token}`), h.env, ctx);
    expect(res.status).toBe(200);
    await res.text();
    await waitOnExecutionContext(ctx);
    // Batched: the alarm fires 500 ms after the first queued event (a generous wait: a loaded test machine
    // delays alarms; the interval itself is stated in durable-event-log.ts and the docs).
    await expect.poll(mine, { timeout: 5000, interval: 50 }).toBe(1);
  });

  it('runs the scheduled tasks: old access events go, orphaned objects go, referenced ones stay', async () => {
    const now = Date.now() + 2 * 24 * 3600 * 1000; // every object is now past the sweep's one-day grace
    await h.db.insert(accessEvents).values({ at: new Date(now - 400 * 24 * 3600 * 1000), kind: 'view', meetingId: 'm', codeId: 'c', deviceId: 'old' });
    await env.DOCUMENTS.put('docs/m/d/orphan', new Uint8Array([1, 2, 3]));
    await worker.scheduled({ scheduledTime: now }, h.env);
    expect(await env.DOCUMENTS.head('docs/m/d/orphan')).toBeNull();
    expect((await h.db.select().from(accessEvents)).some((e) => e.deviceId === 'old')).toBe(false);
    const still = await self(`/s/${token}/d/${docId}`);
    expect(still.status).toBe(200);
    await still.arrayBuffer();
  });
});

describe('first admin from QRHOP_ADMIN_EMAIL / QRHOP_ADMIN_PASSWORD', () => {
  it('is created on an empty database, and logs in', async () => {
    const fresh = await makeWorkerHarness({ DB: env.FIRST_ADMIN_DB, QRHOP_ADMIN_EMAIL: 'first@example.org', QRHOP_ADMIN_PASSWORD: 'first-admin-password' } as Partial<WorkerEnv>, env.FIRST_ADMIN_DB);
    const client = new ApiClient(fresh.fetch);
    const user = await client.login('first@example.org', 'first-admin-password');
    expect(user.role).toBe('admin');
  });
});
