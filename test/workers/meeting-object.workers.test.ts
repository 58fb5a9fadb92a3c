/**
 * One Durable Object per meeting (server/runtime/workers/meeting-object.ts), proved in workerd
 * with real D1, R2 and Durable Objects and a counting proxy on every D1 binding.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessEvents } from '../../server/db/schema';
import worker, { type WorkerEnv } from '../../server/runtime/workers/worker';
import { ApiClient, type FetchLike } from '../support/api-client';
import { makePdf } from '../support/sample-files';
import { countD1 } from './d1-counter';
import { makeWorkerHarness, ORIGIN, type WorkerHarness } from './worker-harness';

const PASSWORD = 'correct horse battery';
const PIN = '482913';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const phoneOn = (send: FetchLike, extra: Record<string, string> = {}) => new ApiClient(send, { 'user-agent': PHONE_UA, ...extra });
const d1 = countD1();

/**
 * A fetch through a Worker "isolate" of its own: the Worker keeps its runtime (and any
 * in-memory counter) per env object, so each copy of the env is, for everything the Worker
 * holds in memory, a separate isolate. What is shared between them is only what workerd
 * shares between real isolates: D1, R2 and the Durable Objects.
 */
function isolate(env: WorkerEnv): FetchLike {
  const own = { ...env };
  return async (path, init) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(new URL(path, ORIGIN), init), own, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

const tryPin = (phone: ApiClient, token: string, pin: string) =>
  phone.fetch(`/s/${token}/pin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `pin=${pin}`, redirect: 'manual' });

async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

describe('a meeting on Workers: one Durable Object', () => {
  let h: WorkerHarness;
  let admin: ApiClient;
  let meetingId: string;
  let meetingToken: string;
  let sessionToken: string;
  let sessionCodeId: string;
  let sessionId: string;
  let docId: string;

  beforeAll(async () => {
    h = await makeWorkerHarness();
    await h.addUser({ email: 'do-admin@example.org', name: 'Admin', password: PASSWORD, role: 'admin' });
    admin = new ApiClient(h.fetch);
    await admin.login('do-admin@example.org', PASSWORD);
    const meeting = (await admin.post('/api/meetings', { title: 'Kỳ họp thứ mười' })).body;
    meetingId = meeting.meeting.id;
    meetingToken = meeting.codes[0].token;
    sessionId = (await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc' })).body.session.id;
    const codes = (await admin.get(`/api/sessions/${sessionId}/codes`)).body.codes;
    sessionToken = codes[0].token;
    sessionCodeId = codes[0].id;
    docId = (await admin.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Chương trình.pdf', bytes: makePdf('Chuong trinh', 20 * 1024) }], { sessionId })).body.documents[0].id;
    expect((await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
  });

  it('answers a repeated view of an unchanged meeting with 0 D1 reads, and 1,000 views with at most 20 D1 writes', async () => {
    const phone = phoneOn(h.fetch);
    expect((await phone.fetch(`/s/${sessionToken}`)).status).toBe(200); // builds the page once
    d1.reset();
    const again = await phone.fetch(`/s/${sessionToken}`);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Phiên khai mạc');
    expect(d1.reads).toBe(0);

    await admin.get(`/api/meetings/${meetingId}/stats`); // flushes the two views above
    const before = (await h.db.select().from(accessEvents)).length;
    d1.reset();
    const statuses = await inParallel(1000, 50, async () => {
      const res = await phone.fetch(`/s/${sessionToken}`);
      await res.arrayBuffer();
      return res.status;
    });
    expect(statuses.every((s) => s === 200)).toBe(true);
    // The alarms write them in batches (read here past the proxy: h.db is the bare binding).
    await expect.poll(async () => (await h.db.select().from(accessEvents)).length, { timeout: 5000, interval: 100 }).toBe(before + 1000);
    expect(d1.reads).toBe(0);
    console.log(`1000 views: ${d1.writes} D1 write statements, ${d1.reads} reads`, d1.statements.slice(0, 3));
    expect(d1.writes).toBeGreaterThan(0);
    expect(d1.writes).toBeLessThanOrEqual(20);
  });

  it('answers a device\'s "what changed" ask from the object: one D1 read for its first ask, none for its reloads', async () => {
    const phone = phoneOn(h.fetch);
    await (await phone.fetch(`/s/${sessionToken}`)).text();
    expect(phone.cookie('qrhop_d')).toBeTruthy();
    d1.reset();
    const first = await phone.fetch(`/s/${sessionToken}/seen`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ since: null }); // its first visit: no badges
    expect(d1.reads).toBe(1);
    d1.reset();
    for (let i = 0; i < 5; i++) {
      await (await phone.fetch(`/s/${sessionToken}`)).text();
      expect(await (await phone.fetch(`/s/${sessionToken}/seen`)).json()).toEqual({ since: null });
    }
    expect(d1.reads).toBe(0);
  });

  it('tells the delegate to try again, in Vietnamese, when the meeting\'s object fails', async () => {
    // workerd cannot be made to reset an object on demand: this isolate's binding answers as a reset object does.
    const reset = () => Promise.reject(new Error('Durable Object reset because its code was updated.'));
    const broken = isolate({ ...h.env, MEETINGS: { idFromName: (name: string) => h.env.MEETINGS!.idFromName(name), get: () => ({ view: reset, answer: reset, changed: reset, flush: reset }) } });
    const res = await broken(`/s/${sessionToken}`, { headers: { 'user-agent': PHONE_UA } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('Máy chủ đang bận nên chưa mở được trang này. Vui lòng thử lại sau ít giây.');
    expect(html).toContain(`<a href="/s/${sessionToken}">Thử lại</a>`);
    const pin = await broken(`/s/${sessionToken}/pin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pin=123456' });
    expect(pin.status).toBe(503);
    // The same code through a working isolate: answered as usual.
    expect((await isolate(h.env)(`/s/${sessionToken}`)).status).toBe(200);
  });

  it('shows an organizer change on the very next view', async () => {
    const phone = phoneOn(h.fetch);
    expect(await (await phone.fetch(`/s/${meetingToken}`)).text()).toContain('Kỳ họp thứ mười');
    expect((await admin.patch(`/api/meetings/${meetingId}`, { title: 'Kỳ họp thứ mười một' })).status).toBe(200);
    expect(await (await phone.fetch(`/s/${meetingToken}`)).text()).toContain('Kỳ họp thứ mười một');
    // Documents too: a renamed document shows at once.
    expect((await admin.patch(`/api/documents/${docId}`, { title: 'Chương trình kỳ họp (sửa đổi)' })).status).toBe(200);
    expect(await (await phone.fetch(`/s/${sessionToken}`)).text()).toContain('Chương trình kỳ họp (sửa đổi)');
  });

  it('stops a rotated and a revoked code on the next request, from any isolate', async () => {
    const first = isolate(h.env);
    const second = isolate(h.env);
    expect((await first(`/s/${sessionToken}`)).status).toBe(200);
    expect((await second(`/s/${sessionToken}/d/${docId}`)).status).toBe(200);
    const rotated = await admin.post(`/api/codes/${sessionCodeId}/rotate`);
    expect(rotated.status).toBe(200);
    expect((await first(`/s/${sessionToken}`)).status).toBe(404);
    expect((await second(`/s/${sessionToken}/d/${docId}`)).status).toBe(404);
    const fresh = rotated.body.code as { id: string; token: string };
    expect((await second(`/s/${fresh.token}`)).status).toBe(200);
    expect((await first(`/s/${fresh.token}`)).status).toBe(200);
    expect((await admin.fetch(`/api/codes/${fresh.id}`, { method: 'DELETE' })).status).toBeLessThan(300);
    expect((await first(`/s/${fresh.token}`)).status).toBe(404);
    expect((await second(`/s/${fresh.token}/d/${docId}`)).status).toBe(404);
    sessionToken = (await admin.post(`/api/sessions/${sessionId}/codes`, { label: 'Bàn 1' })).body.codes[0].token;
  });

  it('counts every view and open in a stats read made right after them', async () => {
    const before = (await admin.get(`/api/meetings/${meetingId}/stats`)).body;
    for (let i = 0; i < 7; i++) {
      const phone = phoneOn(h.fetch);
      await (await phone.fetch(`/s/${meetingToken}`)).text();
      if (i < 3) await (await phone.fetch(`/s/${meetingToken}/d/${docId}`)).arrayBuffer();
    }
    const after = (await admin.get(`/api/meetings/${meetingId}/stats`)).body;
    expect(after.totals.views - before.totals.views).toBe(7);
    expect(after.totals.opens - before.totals.opens).toBe(3);
  });

  it('holds the PIN limits for requests spread over many isolates: per device and per session', async () => {
    const pinMeeting = (await admin.post('/api/meetings', { title: 'Hội nghị kín' })).body.meeting.id as string;
    const pinSession = (await admin.post(`/api/meetings/${pinMeeting}/sessions`, { title: 'Phiên kín', pin: PIN })).body.session.id as string;
    const token = (await admin.get(`/api/sessions/${pinSession}/codes`)).body.codes[0].token as string;
    expect((await admin.patch(`/api/meetings/${pinMeeting}`, { status: 'published' })).status).toBe(200);
    const isolates = Array.from({ length: 6 }, () => isolate(h.env));

    // One device (one cookie jar), each try through the next isolate: 4 wrong answers tell the tries left, the 5th locks.
    let turn = 0;
    const device = phoneOn((path, init) => isolates[turn++ % isolates.length]!(path, init));
    for (let i = 1; i <= 4; i++) expect((await tryPin(device, token, `10000${i}`)).status).toBe(403);
    expect(device.cookie('qrhop_d')).toBeTruthy();
    expect((await tryPin(device, token, '100005')).status).toBe(429);
    expect((await tryPin(device, token, PIN)).status).toBe(429);

    // A guesser dropping the cookie each time: the session's 30 tries are counted over all isolates together.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await tryPin(phoneOn(isolates[i % 6]!), token, String(200000 + i))).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    // The session is closed to every new device, whichever isolate it reaches, even with the right PIN.
    for (const send of isolates) expect((await tryPin(phoneOn(send), token, PIN)).status).toBe(429);
  });
});
