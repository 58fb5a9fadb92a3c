/**
 * 08:00 in the hall, on Workers: 1,500 phones each load their table's page and open one
 * document, 50 at a time, through the real Worker and the meeting's Durable Object. Nothing
 * fails, and the organizer's figures, read right after, hold every event, exactly, per label.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makePdf } from '../support/sample-files';
import { makeWorkerHarness, type WorkerHarness } from './worker-harness';

const PASSWORD = 'correct horse battery';
const DEVICES = 1500;
const LABELS = ['Bàn 1', 'Bàn 2', 'Đoàn Gio Linh'];
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

describe('a scan burst on Workers', () => {
  let h: WorkerHarness;
  let admin: ApiClient;
  let meetingId: string;
  let codes: { label: string; token: string }[];
  let docIds: string[];
  let sizes: number[];

  beforeAll(async () => {
    h = await makeWorkerHarness();
    await h.addUser({ email: 'burst-admin@example.org', name: 'Admin', password: PASSWORD, role: 'admin' });
    admin = new ApiClient(h.fetch);
    await admin.login('burst-admin@example.org', PASSWORD);
    meetingId = (await admin.post('/api/meetings', { title: 'Đại hội đại biểu tỉnh' })).body.meeting.id;
    const sessionId = (await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên toàn thể' })).body.session.id;
    const made = await admin.post(`/api/sessions/${sessionId}/codes`, { labels: LABELS });
    expect(made.status).toBe(201);
    codes = made.body.codes;
    const files = [1, 2, 3].map((i) => ({ name: `Tài liệu ${i}.pdf`, bytes: makePdf(`Tai lieu ${i}`, 30 * 1024) }));
    sizes = files.map((f) => f.bytes.length);
    docIds = (await admin.upload(`/api/meetings/${meetingId}/documents`, files, { sessionId })).body.documents.map((d: { id: string }) => d.id);
    expect((await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
  });

  it(`serves ${DEVICES} devices a page and a document each with 0 errors, and counts every event per label`, async () => {
    const failures: string[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (next < DEVICES) {
        const i = next++;
        const code = codes[i % codes.length]!;
        const phone = new ApiClient(h.fetch, { 'user-agent': PHONE_UA });
        const page = await phone.fetch(`/s/${code.token}`);
        const html = await page.text();
        if (page.status !== 200 || !html.includes('Phiên toàn thể')) failures.push(`page ${i}: ${page.status}`);
        const doc = await phone.fetch(`/s/${code.token}/d/${docIds[i % docIds.length]}`);
        const bytes = await doc.arrayBuffer();
        if (doc.status !== 200 || bytes.byteLength !== sizes[i % docIds.length]) failures.push(`document ${i}: ${doc.status} ${bytes.byteLength}`);
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    console.log(`scan burst: ${DEVICES * 2} requests in ${seconds.toFixed(1)} s (${Math.round((DEVICES * 2) / seconds)} req/s in the test pool)`);
    expect(failures).toEqual([]);

    const stats = (await admin.get(`/api/meetings/${meetingId}/stats`)).body;
    expect(stats.totals.views).toBe(DEVICES);
    expect(stats.totals.opens).toBe(DEVICES);
    expect(stats.totals.devices).toBe(DEVICES);
    for (const label of LABELS) {
      const figures = stats.perLabel.find((l: { label: string | null }) => l.label === label);
      expect(figures, label).toMatchObject({ views: DEVICES / 3, opens: DEVICES / 3, devices: DEVICES / 3 });
    }
    for (const id of docIds) expect(stats.perDocument.find((d: { documentId: string }) => d.documentId === id).opens).toBe(DEVICES / 3);
  }, 240_000);
});
