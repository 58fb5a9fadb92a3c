// Finding 10: cookies never carried `Secure`, even behind TLS termination (X-Forwarded-Proto was
// ignored). Now every cookie is Secure when the request came over TLS through a proxy the
// TRUST_PROXY setting names; X-Forwarded-* from anyone else is ignored (the default).
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { rawFetch } from '../support/raw-fetch';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'secure-cookie-Pw-88' };
const PHONE = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

/** Every cookie a TLS-terminating proxy would pass back: login, known device, logout, device, language, PIN grant. */
async function cookiesSeen(server: RunningServer, forwarded: Record<string, string>) {
  const host = new URL(server.url).host;
  const viaProxy = { ...forwarded, host, 'user-agent': PHONE };
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  const meeting = (await api.post('/api/meetings', { title: 'TLS' })).body;
  const session = (await api.post(`/api/meetings/${meeting.meeting.id}/sessions`, { title: 'Kín', pin: '739164' })).body.session;
  const token = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
  await api.patch(`/api/meetings/${meeting.meeting.id}`, { status: 'published' });

  const login = await rawFetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { ...viaProxy, 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.QRHOP_ADMIN_EMAIL, password: ADMIN.QRHOP_ADMIN_PASSWORD }) });
  expect(login.status).toBe(200);
  const session_ = login.headers.getSetCookie().find((c) => c.startsWith('qrhop_session='))!.split(';')[0]!;
  const logout = await rawFetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { ...viaProxy, cookie: session_ } });
  const page = await rawFetch(`${server.url}/s/${token}?lang=en`, { headers: viaProxy });
  const pin = await rawFetch(`${server.url}/s/${token}/pin`, { method: 'POST', headers: { ...viaProxy, 'content-type': 'application/x-www-form-urlencoded' }, body: 'pin=739164' });
  expect(pin.status).toBe(303);
  return [...login.headers.getSetCookie(), ...logout.headers.getSetCookie(), ...page.headers.getSetCookie(), ...pin.headers.getSetCookie()];
}

const names = (cookies: string[]) => cookies.map((c) => c.split('=')[0]).sort();
const secure = (cookie: string) => /;\s*Secure(;|$)/i.test(cookie);

// Each case starts a real server (or CLI processes): at a load average near 20 on two cores, 30 s is not enough.
describe('Secure cookies behind TLS (finding 10)', { timeout: 120_000 }, () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill();
  });

  it('marks every cookie Secure when a trusted proxy says the request came over https', async () => {
    const server = await startServer({ ...ADMIN, TRUST_PROXY: '127.0.0.1' });
    servers.push(server);
    const cookies = await cookiesSeen(server, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(names(cookies)).toEqual(expect.arrayContaining(['qrhop_d', 'qrhop_known', 'qrhop_lang', 'qrhop_session']));
    expect(names(cookies).some((n) => n!.startsWith('qrhop_pin_'))).toBe(true);
    expect(cookies.filter((c) => !secure(c))).toEqual([]);
  });

  it('ignores X-Forwarded-Proto by default, and from a proxy it does not trust', async () => {
    for (const env of [{}, { TRUST_PROXY: '127.0.0.9' }] as Record<string, string>[]) {
      const server = await startServer({ ...ADMIN, ...env });
      servers.push(server);
      const cookies = await cookiesSeen(server, { 'x-forwarded-proto': 'https' });
      expect(cookies.length).toBeGreaterThanOrEqual(5);
      expect(cookies.filter(secure), JSON.stringify(env)).toEqual([]);
    }
  });
});
