/**
 * D1 binds at most 100 parameters per statement (SQLite's own limit is 32,766), and
 * local D1 in workerd enforces it too. A big meeting must still work end to end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { purgeAccessEvents } from '../../server/access/purge-access-events';
import { accessEvents } from '../../server/db/schema';
import { ApiClient } from '../support/api-client';
import { makeText } from '../support/sample-files';
import { makeWorkerHarness, type WorkerHarness } from './worker-harness';

const COUNT = 130;
const PASSWORD = 'correct horse battery';

describe('more than 100 of anything on D1', () => {
  let h: WorkerHarness;
  let admin: ApiClient;
  let meetingId: string;
  let sessionId: string;
  let documentIds: string[];

  beforeAll(async () => {
    h = await makeWorkerHarness();
    await h.addUser({ email: 'limits-admin@example.org', name: 'Admin', password: PASSWORD, role: 'admin' });
    admin = new ApiClient(h.fetch);
    await admin.login('limits-admin@example.org', PASSWORD);
    meetingId = (await admin.post('/api/meetings', { title: 'Đại hội đại biểu' })).body.meeting.id;
    sessionId = (await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên toàn thể' })).body.session.id;
  });

  it(`uploads ${COUNT} files in one request and lists them all`, async () => {
    const files = Array.from({ length: COUNT }, (_, i) => ({ name: `tai-lieu-${String(i).padStart(3, '0')}.txt`, bytes: makeText(`Tài liệu số ${i}\n`) }));
    const up = await admin.upload(`/api/meetings/${meetingId}/documents`, files);
    expect(up.status).toBe(201);
    expect(up.body.documents).toHaveLength(COUNT);
    documentIds = up.body.documents.map((d: { id: string }) => d.id);
    const library = await admin.get(`/api/meetings/${meetingId}/documents`);
    expect(library.status).toBe(200);
    expect(library.body.documents).toHaveLength(COUNT);
  });

  it(`attaches ${COUNT} documents to a session, and the meeting code lists them`, async () => {
    expect((await admin.put(`/api/sessions/${sessionId}/documents`, { documentIds })).status).toBe(200);
    const library = await admin.get(`/api/meetings/${meetingId}/documents`);
    expect(library.body.documents.every((d: { sessionIds: string[] }) => d.sessionIds.includes(sessionId))).toBe(true);
    expect((await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
    const { token } = (await admin.get(`/api/meetings/${meetingId}/codes`)).body.codes[0];
    const page = await h.fetch(`/s/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const id of [documentIds[0], documentIds[COUNT - 1]]) expect(html).toContain(`/s/${token}/d/${id}`);
    const last = await h.fetch(`/s/${token}/d/${documentIds[COUNT - 1]}`);
    expect(await last.text()).toBe(`Tài liệu số ${COUNT - 1}\n`);
  });

  it('purges more than 100 expired access events', async () => {
    const old = new Date(Date.now() - 400 * 24 * 3600 * 1000);
    const row = { at: old, kind: 'view' as const, meetingId, codeId: 'c', deviceId: 'd', browser: '', os: '' };
    for (let i = 0; i < COUNT; i++) await h.db.insert(accessEvents).values(row);
    const { purged } = await purgeAccessEvents(h.db, { now: Date.now(), retentionDays: 365 });
    expect(purged).toBeGreaterThanOrEqual(COUNT);
  });
});
