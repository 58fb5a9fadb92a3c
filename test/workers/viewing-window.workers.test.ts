/**
 * The viewing window on Workers: the meeting's Durable Object keeps the rendered page in its
 * memory cache (GuardedPageCache); a page cached while open must not be served once the window
 * has closed. workerd has no clock to move: the window closes three seconds after the first view.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makePdf } from '../support/sample-files';
import { makeWorkerHarness } from './worker-harness';

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

describe('viewing window in the meeting\'s Durable Object', () => {
  let admin: ApiClient;
  let phone: ApiClient;
  let token = '';
  let docId = '';
  let meetingId = '';

  beforeAll(async () => {
    const h = await makeWorkerHarness();
    await h.addUser({ email: 'window@example.org', name: 'Admin', password: 'correct horse battery', role: 'admin' });
    admin = new ApiClient(h.fetch);
    await admin.login('window@example.org', 'correct horse battery');
    const meeting = (await admin.post('/api/meetings', { title: 'Hội nghị có giờ xem' })).body;
    meetingId = meeting.meeting.id;
    const sessionId = (await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên sáng' })).body.session.id;
    token = (await admin.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    docId = (await admin.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Tờ trình.pdf', bytes: makePdf('To trinh', 4000) }], { sessionId })).body.documents[0].id;
    expect((await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
    phone = new ApiClient(h.fetch, { 'user-agent': PHONE_UA });
  });

  it('a page cached while open expires at the window\'s end: 410 with the note, documents too', async () => {
    const closesAt = new Date(Date.now() + 3000).toISOString();
    expect((await admin.patch(`/api/meetings/${meetingId}`, { closesAt, closedNote: 'Xin xem tài liệu tại văn phòng.' })).status).toBe(200);
    const open = await phone.fetch(`/s/${token}`);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('Tờ trình');
    expect((await phone.fetch(`/s/${token}`)).status).toBe(200); // from the object's cache
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(closesAt) - Date.now()) + 1000));
    const closed = await phone.fetch(`/s/${token}`);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('Xin xem tài liệu tại văn phòng.');
    expect((await phone.fetch(`/s/${token}/d/${docId}`)).status).toBe(410);
    expect((await phone.fetch(`/s/${token}/r/${docId}`)).status).toBe(410);
  });

  it('a window whose end is before its start: 400 naming closesAt', async () => {
    const r = await admin.patch(`/api/meetings/${meetingId}`, { opensAt: '2026-12-01T17:00:00+07:00', closesAt: '2026-12-01T08:00:00+07:00' });
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('closesAt');
  });
});
