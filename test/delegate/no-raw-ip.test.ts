import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'a long admin password' };
// Addresses a hall could show: the Wi-Fi's public address in X-Forwarded-For and friends, and real socket addresses.
const FORWARDED = ['203.113.45.67', '14.161.22.33', '2001:ee0:4f1:1a20::5'];
const SOCKETS = ['127.0.0.7', '127.0.0.9'];
const UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

/** One request from a chosen local address, with proxy headers naming another. */
function send(url: string, path: string, from: string, forwarded: string, options: { method?: string; body?: string; cookie?: string; type?: string } = {}) {
  return new Promise<{ status: number; cookies: string[] }>((resolve, reject) => {
    const req = request(url + path, {
      method: options.method ?? 'GET', localAddress: from,
      headers: {
        'user-agent': UA, 'x-forwarded-for': `${forwarded}, 10.0.0.1`, 'x-real-ip': forwarded, forwarded: `for="${forwarded}"`,
        'cf-connecting-ip': forwarded, 'true-client-ip': forwarded,
        ...(options.cookie && { cookie: options.cookie }), ...(options.type && { 'content-type': options.type }),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Every way an address could sit in a file: text, and IPv4 as 4 raw bytes (both orders). */
function needles(address: string): Buffer[] {
  const out = [Buffer.from(address, 'utf8'), Buffer.from(address, 'utf16le')];
  if (isIPv4(address)) {
    const bytes = address.split('.').map(Number);
    out.push(Buffer.from(bytes), Buffer.from([...bytes].reverse()));
  }
  return out;
}

describe('no raw IP address in the database', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.kill();
  });

  it('keeps none of the addresses delegates and organizers came from, in any database file', async () => {
    server = await startServer(ADMIN);
    const api = new ApiClient((path, init) => fetch(server!.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const meeting = (await api.post('/api/meetings', { title: 'Hội nghị' })).body.meeting;
    const pinSession = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên kín', pin: '2468' })).body.session;
    const openSession = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên 1' })).body.session;
    const doc = (await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Tài liệu.pdf', bytes: makePdf('x') }], { sessionId: openSession.id })).body.documents[0];
    await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
    const token = (await api.get(`/api/sessions/${openSession.id}/codes`)).body.codes[0].token;
    const pinToken = (await api.get(`/api/sessions/${pinSession.id}/codes`)).body.codes[0].token;

    for (const from of SOCKETS) {
      for (const forwarded of FORWARDED) {
        const page = await send(server.url, `/s/${token}`, from, forwarded);
        expect(page.status).toBe(200);
        const cookie = page.cookies.map((c) => c.split(';')[0]).join('; ');
        expect((await send(server.url, `/s/${token}/d/${doc.id}`, from, forwarded, { cookie })).status).toBe(200);
        expect((await send(server.url, `/s/${pinToken}/pin`, from, forwarded, { method: 'POST', cookie, type: 'application/x-www-form-urlencoded', body: 'pin=1111' })).status).toBe(403);
        expect((await send(server.url, `/s/${pinToken}/pin`, from, forwarded, { method: 'POST', cookie, type: 'application/x-www-form-urlencoded', body: 'pin=2468' })).status).toBe(303);
        // Failed and good logins from the same addresses (the login throttle sees addresses, in memory only).
        const body = JSON.stringify({ email: ADMIN.QRHOP_ADMIN_EMAIL, password: 'wrong password here' });
        expect([401, 429]).toContain((await send(server.url, '/api/auth/login', from, forwarded, { method: 'POST', type: 'application/json', body })).status);
      }
    }
    const stats = (await api.get(`/api/meetings/${meeting.id}/stats`)).body;
    // Cookieless first views from one socket address with one agent, seconds apart, are one burst
    // (counting integrity): one view per socket. Each phone then came back with its own cookie.
    expect(stats.totals.views).toBe(SOCKETS.length);
    expect(stats.totals.devices).toBe(SOCKETS.length * FORWARDED.length);

    // While running (the stats call flushed the log: events sit in the WAL), then after a normal stop
    // (checkpointed into the main file): read every byte of every database file.
    const scan = (dataDir: string) => {
      const files = readdirSync(dataDir).filter((f) => f.startsWith('qrhop.db'));
      let bytesScanned = 0;
      let control = false;
      for (const file of files) {
        const bytes = readFileSync(join(dataDir, file));
        bytesScanned += bytes.length;
        control ||= bytes.includes(Buffer.from('Phiên kín')); // the scan does see what is stored
        for (const address of [...FORWARDED, ...SOCKETS]) {
          for (const needle of needles(address)) expect(bytes.includes(needle), `${address} in ${file}`).toBe(false);
        }
      }
      expect(control).toBe(true);
      return `${files.join(', ')} (${bytesScanned} bytes)`;
    };
    const running = scan(server.dataDir);
    expect(await server.stop()).toBe(0);
    const stopped = scan(server.dataDir);
    console.log(`no raw IP: ${FORWARDED.length + SOCKETS.length} addresses absent from ${running} while running and ${stopped} after stop`);
    server = undefined;
  });
});
