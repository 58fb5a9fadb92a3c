// Finding 1: bodies were read whole before any limit. Every route that reads a body now
// stops at its limit while streaming; the server's memory stays flat under oversized bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { peakRssDuring, rssOf, sendChunked } from '../support/attack-client';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'body-limit-test-Pw-7' };
const MB = 1024 * 1024;
let server: RunningServer;
let cookie = '';
let meetingId = '';

beforeAll(async () => {
  server = await startServer(ADMIN);
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  cookie = `qrhop_session=${api.cookie('qrhop_session')}`;
  meetingId = (await api.post('/api/meetings', { title: 'Giới hạn' })).body.meeting.id;
});
afterAll(async () => {
  await server?.kill();
});

const errorCode = (body: string) => {
  try {
    return JSON.parse(body).error.code as string;
  } catch {
    return `not JSON: ${body.slice(0, 80)}`;
  }
};

// Each case starts a real server (or CLI processes): at a load average near 20 on two cores, 30 s is not enough.
describe('body limits (finding 1)', { timeout: 120_000 }, () => {
  it('answers a JSON body over 64 KB with 413 before reading it (declared length)', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(65 * 1024) }) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('body_too_large');
  });

  it('keeps the RSS flat under eight concurrent 48 MB chunked login bodies, each answered 413', async () => {
    const pid = server.child.pid!;
    const before = rssOf(pid);
    const { result, peak } = await peakRssDuring(pid, () => Promise.all(Array.from({ length: 8 }, () =>
      sendChunked(`${server.url}/api/auth/login`, { headers: { 'content-type': 'application/json' }, prefix: '{"email":"admin@example.org","password":"', totalBytes: 48 * MB }))));
    for (const answer of result) {
      expect(answer.status).toBe(413);
      expect(errorCode(answer.body)).toBe('body_too_large');
    }
    // Eight bodies read whole would hold 384 MB; streaming limits hold 64 KB each.
    console.info(`8 × 48 MB login bodies: RSS ${Math.round(before / MB)} MB before, peak +${Math.round((peak - before) / MB)} MB`);
    expect(peak - before).toBeLessThan(60 * MB);
    // The server still answers.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('stops a chunked logo past 2 MB and a multipart text field past its cap, memory flat', async () => {
    const pid = server.child.pid!;
    const before = rssOf(pid);
    const boundary = 'qrhopBoundary7';
    const { result, peak } = await peakRssDuring(pid, () => Promise.all([
      ...Array.from({ length: 3 }, () => sendChunked(`${server.url}/api/meetings/${meetingId}/logo`, { method: 'PUT', headers: { cookie, 'content-type': 'image/png' }, prefix: '\x89PNG\r\n\x1a\n', totalBytes: 32 * MB })),
      ...Array.from({ length: 3 }, () => sendChunked(`${server.url}/api/meetings/${meetingId}/documents`, {
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        prefix: `--${boundary}\r\nContent-Disposition: form-data; name="sessionId"\r\n\r\n`, totalBytes: 32 * MB,
      })),
    ]));
    console.info(`3 logos + 3 multipart fields of 32 MB: RSS peak +${Math.round((peak - before) / MB)} MB`);
    expect(result.map((a) => a.status)).toEqual([413, 413, 413, 413, 413, 413]);
    expect(result.map((a) => errorCode(a.body))).toEqual(['file_too_large', 'file_too_large', 'file_too_large', 'field_too_large', 'field_too_large', 'field_too_large']);
    expect(peak - before).toBeLessThan(60 * MB);
  });
});
