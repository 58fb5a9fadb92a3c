// The evening-before flow's server side: variants made twice stay one, the room reads once.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';

const ADMIN = { email: 'admin@example.org', name: 'Admin', password: 'mat-khau-quan-tri', role: 'admin' as const };
let app: NodeTestApp;
afterEach(async () => app?.close());

async function setUp() {
  app = await makeNodeApp();
  await app.addUser(ADMIN);
  const api = new ApiClient(app.fetch);
  await api.login(ADMIN.email, ADMIN.password);
  const meetingId = (await api.post('/api/meetings', { title: 'Kỳ họp thứ 9' })).body.meeting.id as string;
  const session = (await api.post(`/api/meetings/${meetingId}/sessions`, { title: 'Khai mạc', room: 'Phòng họp số 1' })).body.session;
  return { api, meetingId, session };
}

describe('table variants', () => {
  it('"Tạo 5 mã" twice still gives one "Bàn 1"…"Bàn 5"; a wider range adds only the new labels', async () => {
    const { api, session } = await setUp();
    const five = ['Bàn 1', 'Bàn 2', 'Bàn 3', 'Bàn 4', 'Bàn 5'];
    expect((await api.post(`/api/sessions/${session.id}/codes`, { labels: five })).status).toBe(201);
    const again = await api.post(`/api/sessions/${session.id}/codes`, { labels: five });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ codes: [], skipped: five });
    // Same label typed differently (case, spaces, NFD) is the same table.
    const more = await api.post(`/api/sessions/${session.id}/codes`, { labels: ['bàn  1'.normalize('NFD'), 'Bàn 6', 'Bàn 6'] });
    expect(more.body.codes.map((c: { label: string }) => c.label)).toEqual(['Bàn 6']);
    const labels = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes.map((c: { label: string | null }) => c.label).filter(Boolean);
    expect(labels).toEqual([...five, 'Bàn 6']);
  });

  it('a revoked label can be made again', async () => {
    const { api, session } = await setUp();
    const [code] = (await api.post(`/api/sessions/${session.id}/codes`, { label: 'Đoàn Gio Linh' })).body.codes;
    await api.del(`/api/codes/${code.id}`);
    expect((await api.post(`/api/sessions/${session.id}/codes`, { label: 'Đoàn Gio Linh' })).body.codes).toHaveLength(1);
  });
});

describe('room', () => {
  it('reads "Phòng họp số 1" on the delegate page, not "Phòng Phòng họp số 1"; a bare number gets the word', async () => {
    const { api, meetingId, session } = await setUp();
    await api.post(`/api/meetings/${meetingId}/sessions`, { title: 'Thảo luận', room: '301' });
    await api.patch(`/api/meetings/${meetingId}`, { status: 'published' });
    const meetingCode = (await api.get(`/api/meetings/${meetingId}/codes`)).body.codes[0];
    const html = await (await app.fetch(`/s/${meetingCode.token}`, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Chrome/124.0 Mobile Safari/537.36' } })).text();
    expect(html).toContain('Phòng họp số 1');
    expect(html).not.toContain('Phòng Phòng');
    expect(html).toContain('Phòng 301');
    const sessionCode = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0];
    const page = await (await app.fetch(`/s/${sessionCode.token}`)).text();
    expect(page).toContain('Phòng họp số 1');
    expect(page).not.toContain('Phòng Phòng');
  });
});
