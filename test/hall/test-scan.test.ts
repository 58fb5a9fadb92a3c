// "Quét thử": a phone opening the test code is seen by the console, never as a delegate view.
import { afterEach, describe, expect, it } from 'vitest';
import { accessEvents } from '../../server/db/schema';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';

const ADMIN = { email: 'admin@example.org', name: 'Admin', password: 'mat-khau-quan-tri', role: 'admin' as const };
const OTHER = { email: 'org@example.org', name: 'Org', password: 'mat-khau-to-chuc', role: 'organizer' as const };
const ZALO = 'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 Zalo android/12100719 ZaloTheme/light ZaloLanguage/vi';

let app: NodeTestApp;
let clock = Date.parse('2026-12-01T12:00:00Z');
afterEach(async () => app?.close());

async function setUp() {
  app = await makeNodeApp();
  app.deps.now = () => clock;
  await app.addUser(ADMIN);
  await app.addUser(OTHER);
  const api = new ApiClient(app.fetch);
  await api.login(ADMIN.email, ADMIN.password);
  return api;
}

describe('test scan', () => {
  it('a phone opening the test URL shows in the console with its browser, round trip and secure context; no access event', async () => {
    const api = await setUp();
    const created = await api.post('/api/test-scans');
    expect(created.status).toBe(201);
    const scan = created.body.testScan;
    expect(scan.url).toMatch(/^https:\/\/qr\.example\.vn\/t\/[A-Za-z0-9_-]{22}$/);
    expect(scan.reachedAt).toBeNull();
    const path = new URL(scan.url).pathname;

    const page = await app.fetch(path, { headers: { 'user-agent': ZALO } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Điện thoại đã kết nối được tới máy chủ');
    let seen = (await api.get(`/api/test-scans/${scan.id}`)).body.testScan;
    expect(seen).toMatchObject({ browser: 'Zalo', os: 'Android', reachedAt: new Date(clock).toISOString(), rttMs: null });

    expect((await app.fetch(`${path}/ping`)).status).toBe(204);
    const report = await app.fetch(`${path}/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rttMs: 41.6, secure: false }) });
    expect(report.status).toBe(204);
    seen = (await api.get(`/api/test-scans/${scan.id}`)).body.testScan;
    expect(seen).toMatchObject({ rttMs: 42, secure: false });

    await app.recorder.flush();
    expect(app.db.db.select().from(accessEvents).all()).toHaveLength(0);
  });

  it('link previewers are not phones; another organizer cannot watch it; it expires after 30 minutes', async () => {
    const api = await setUp();
    const scan = (await api.post('/api/test-scans')).body.testScan;
    const path = new URL(scan.url).pathname;
    await app.fetch(path, { headers: { 'user-agent': 'facebookexternalhit/1.1' } });
    expect((await api.get(`/api/test-scans/${scan.id}`)).body.testScan.reachedAt).toBeNull();
    // A report before any phone opened the page is refused.
    expect((await app.fetch(`${path}/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rttMs":1,"secure":true}' })).status).toBe(404);

    const other = new ApiClient(app.fetch);
    await other.login(OTHER.email, OTHER.password);
    expect((await other.get(`/api/test-scans/${scan.id}`)).status).toBe(404);

    clock += 30 * 60 * 1000 + 1;
    const late = await app.fetch(path, { headers: { 'user-agent': ZALO } });
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('Mã quét thử đã hết hạn');
  });
});
