// Finding 8: anyone holding a code could inflate the counts: 200 cookieless GETs with a browser
// user agent added 200 devices and 200 views, and 304 revalidations of a document counted as
// opens and new devices. The real Node server is used: it reads the client address from its socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { cookiesOf, getFrom } from '../support/from-address';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'analytics-test-Pw-5' };
const BROWSER = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

// Each case starts a real server (or CLI processes): at a load average near 20 on two cores, 30 s is not enough.
describe('analytics integrity (finding 8)', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let api: ApiClient;
  let meetingId: string;
  let token: string;
  let docId: string;
  const totals = async () => (await api.get(`/api/meetings/${meetingId}/stats`)).body.totals as { views: number; opens: number; devices: number };

  beforeAll(async () => {
    server = await startServer(ADMIN);
    api = new ApiClient((path, init) => fetch(server.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    meetingId = (await api.post('/api/meetings', { title: 'Đếm' })).body.meeting.id;
    const session = (await api.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên' })).body.session;
    docId = (await api.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Báo cáo.pdf', bytes: makePdf('dem', 5000) }], { sessionId: session.id })).body.documents[0].id;
    token = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
    await api.patch(`/api/meetings/${meetingId}`, { status: 'published' });
  });
  afterAll(async () => {
    await server?.kill();
  });

  it('counts a burst of 200 cookieless views from one address as one device and one view', async () => {
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => getFrom('127.0.0.2', `${server.url}/s/${token}`, { 'user-agent': BROWSER })));
      expect(answers.every((a) => a.status === 200)).toBe(true);
    }
    expect(await totals()).toMatchObject({ views: 1, devices: 1 });
    // Other addresses are other phones, even with the same agent.
    for (const from of ['127.0.0.3', '127.0.0.4', '127.0.0.5']) expect((await getFrom(from, `${server.url}/s/${token}`, { 'user-agent': BROWSER })).status).toBe(200);
    expect(await totals()).toMatchObject({ views: 4, devices: 4 });
  });

  it('does not count 304 revalidations of a document as opens or devices', async () => {
    const first = await getFrom('127.0.0.6', `${server.url}/s/${token}/d/${docId}`, { 'user-agent': BROWSER });
    expect(first.status).toBe(200);
    const cookie = cookiesOf((first.headers['set-cookie'] as string[]) ?? []);
    const etag = String(first.headers.etag);
    const before = await totals();
    expect(before.opens).toBe(1);
    for (let i = 0; i < 5; i++) expect((await getFrom('127.0.0.6', `${server.url}/s/${token}/d/${docId}`, { 'user-agent': BROWSER, cookie, 'if-none-match': etag })).status).toBe(304);
    // Cookieless revalidations from elsewhere: not new devices either.
    for (const from of ['127.0.0.7', '127.0.0.8']) expect((await getFrom(from, `${server.url}/s/${token}/d/${docId}`, { 'user-agent': BROWSER, 'if-none-match': etag })).status).toBe(304);
    expect(await totals()).toEqual(before);
  });
});
