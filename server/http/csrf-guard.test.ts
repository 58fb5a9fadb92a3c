import { describe, expect, it } from 'vitest';
import { refusingApp } from '../../test/support/refusing-app';
import { csrfGuard } from './csrf-guard';

function app() {
  const a = refusingApp();
  a.use(csrfGuard);
  a.on(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'], '/x', (c) => c.text('done'));
  return a;
}
const send = (method: string, headers: Record<string, string>) => app().request('http://qr.example.vn/x', { method, headers });

describe('csrfGuard', () => {
  it('refuses a state change another site sent (Sec-Fetch-Site), with 403 cross_site_request', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await send('POST', { 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'cross_site_request', message: 'Cross-site request refused' } });
    }
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await send(method, { 'sec-fetch-site': 'cross-site' })).status, method).toBe(403);
  });

  it('refuses a state change from another origin, even without Sec-Fetch-Site', async () => {
    const res = await send('POST', { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'cross_site_request', message: 'Cross-site request refused' } });
    // Same host, other scheme or port: another origin.
    expect((await send('POST', { origin: 'https://qr.example.vn' })).status).toBe(403);
    expect((await send('POST', { origin: 'http://qr.example.vn:8080' })).status).toBe(403);
  });

  it('lets same-origin browsers, typed URLs and clients without those headers through', async () => {
    expect(await (await send('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://qr.example.vn' })).text()).toBe('done');
    expect((await send('POST', { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await send('POST', {})).status).toBe(200);
    expect((await send('DELETE', { origin: 'http://qr.example.vn' })).status).toBe(200);
  });

  it('never refuses reads, whoever sent them', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect((await send(method, { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' })).status, method).toBe(200);
    }
  });

  it('checks the origin when Sec-Fetch-Site says same-origin (both must hold)', async () => {
    expect((await send('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://evil.example' })).status).toBe(403);
  });
});
