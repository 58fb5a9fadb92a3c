import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchingRecorder } from '../../server/access/access-recorder';
import { createApp } from '../../server/app';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../server/auth/login-sessions';
import { addUser } from '../../server/auth/users';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';
import { openSqlite } from '../../server/runtime/node/sqlite-client';
import { MemoryPageCache } from '../../server/delegate/page-cache';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import { ApiClient } from '../support/api-client';

let clock = Date.parse('2026-11-27T08:00:00Z');
let address = '10.0.0.1';
const dir = mkdtempSync(join(tmpdir(), 'qrhop-auth-'));
const db = openSqlite(join(dir, 'qrhop.db'));
let app: ReturnType<typeof createApp>;
const send = (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init));
const PASSWORD = 'hardening-password';

beforeAll(async () => {
  const store = await new LocalDiskStore(join(dir, 'objects')).open();
  app = createApp(
    { db: db.db, store, recorder: new BatchingRecorder(db.db), pageCache: new MemoryPageCache(), now: () => clock, loadSheetFonts: async () => readSheetFonts(), settings: { publicUrl: 'https://qr.example.vn', maxUploadBytes: 1 << 20, downloadMode: 'proxy', retentionDays: 365, secret: 's' } },
    { clientAddress: () => address },
  );
  for (const who of ['an', 'binh', 'chi', 'dung']) await addUser(db.db, { email: `${who}@example.org`, name: who, password: PASSWORD, role: who === 'an' ? 'admin' : 'organizer' }, clock);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('are on every response, with noindex on delegate pages', async () => {
    for (const path of ['/healthz', '/api/me', '/s/AAAAAAAAAAAAAAAAAAAAAA', '/admin/']) {
      const res = await send(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'|sandbox/);
    }
    const page = await send('/s/AAAAAAAAAAAAAAAAAAAAAA');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('content-security-policy')).not.toContain("'unsafe-inline' 'unsafe-eval'");
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});

describe('CSRF', () => {
  it('refuses cross-site state changes whatever the content type, accepts same-origin ones', async () => {
    const c = new ApiClient(send);
    await c.login('binh@example.org', PASSWORD);
    const attempts: RequestInit[] = [
      { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"title":"x"}' },
      { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '{"title":"x"}' },
      { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=x' },
      { method: 'POST', headers: { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, body: '{"title":"x"}' },
    ];
    for (const init of attempts) {
      const res = await c.fetch('/api/meetings', init);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('cross_site_request');
    }
    const ok = await c.fetch('/api/meetings', { method: 'POST', headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: '{"title":"Họp"}' });
    expect(ok.status).toBe(201);
    expect((await c.get('/api/meetings')).body.meetings).toHaveLength(1);
  });
});

describe('login', () => {
  it('throttles an account after repeated failures with growing delays, then lets the right password in after the wait', async () => {
    const c = new ApiClient(send);
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/login', { email: 'chi@example.org', password: 'wrong' })).status).toBe(401);
    const blocked = await c.post('/api/auth/login', { email: 'chi@example.org', password: 'wrong' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits: the attacker cannot tell.
    expect((await c.post('/api/auth/login', { email: 'chi@example.org', password: PASSWORD })).status).toBe(429);
    clock += 1500;
    expect((await c.post('/api/auth/login', { email: 'chi@example.org', password: 'wrong' })).status).toBe(401);
    const longer = await c.post('/api/auth/login', { email: 'chi@example.org', password: 'wrong' });
    expect(longer.status).toBe(429);
    expect(Number(longer.res.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    clock += 10_000;
    expect((await c.post('/api/auth/login', { email: 'chi@example.org', password: PASSWORD })).status).toBe(200);
  });

  it('slows an address per account it tries, never the address as a whole (a NAT shares it)', async () => {
    address = '10.9.9.9';
    const c = new ApiClient(send);
    for (let i = 0; i < 5; i++) await c.post('/api/auth/login', { email: 'guess@example.org', password: 'x' });
    expect((await c.post('/api/auth/login', { email: 'guess@example.org', password: 'x' })).status).toBe(429);
    expect((await c.post('/api/auth/login', { email: 'guess99@example.org', password: 'x' })).status).toBe(401);
    address = '10.0.0.2';
    expect((await c.post('/api/auth/login', { email: 'guess@example.org', password: 'x' })).status).toBe(401);
  });

  it('ends a login after the idle timeout and after the absolute timeout', async () => {
    const c = new ApiClient(send);
    await c.login('dung@example.org', PASSWORD);
    clock += IDLE_TIMEOUT_MS - 60_000;
    expect((await c.get('/api/me')).status).toBe(200);
    clock += IDLE_TIMEOUT_MS + 1;
    expect((await c.get('/api/me')).status).toBe(401);

    await c.login('dung@example.org', PASSWORD);
    const start = clock;
    while (clock < start + ABSOLUTE_TIMEOUT_MS) {
      clock += IDLE_TIMEOUT_MS / 2;
      if (clock < start + ABSOLUTE_TIMEOUT_MS) expect((await c.get('/api/me')).status).toBe(200);
    }
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('removes logins past their timeout from the database at the next login', async () => {
    const rows = () => (db.sqlite.prepare("select count(*) as n from login_sessions s join users u on u.id = s.user_id where u.email = 'chi@example.org'").get() as { n: number }).n;
    const forgotten = new ApiClient(send);
    await forgotten.login('chi@example.org', PASSWORD);
    const before = rows();
    expect(before).toBeGreaterThanOrEqual(1);
    clock += IDLE_TIMEOUT_MS + 1; // the laptop in the hall is never used again
    await new ApiClient(send).login('chi@example.org', PASSWORD);
    expect(rows()).toBe(1);
  });

  it('logs out everywhere, and a password change ends other logins', async () => {
    const laptop = new ApiClient(send);
    const phone = new ApiClient(send);
    await laptop.login('binh@example.org', PASSWORD);
    await phone.login('binh@example.org', PASSWORD);
    expect((await laptop.post('/api/auth/logout-everywhere')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(401);

    await laptop.login('binh@example.org', PASSWORD);
    await phone.login('binh@example.org', PASSWORD);
    const weak = await laptop.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/10 characters/);
    expect((await laptop.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-passphrase' })).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(send).post('/api/auth/login', { email: 'binh@example.org', password: 'a-brand-new-passphrase' })).status).toBe(200);
  });

  it('records organizer changes in the audit log, readable by admins only', async () => {
    const admin = new ApiClient(send);
    await admin.login('an@example.org', PASSWORD);
    const m = (await admin.post('/api/meetings', { title: 'Kiểm tra nhật ký' })).body.meeting;
    await admin.patch(`/api/meetings/${m.id}`, { venue: 'Phòng họp số 2' });
    const log = (await admin.get(`/api/audit?meetingId=${m.id}`)).body.entries;
    expect(log.map((e: any) => e.action)).toEqual(['meeting.update', 'meeting.create']);
    expect(log[0].email).toBe('an@example.org');
    expect(log[0].detail).toEqual({ venue: 'Phòng họp số 2' });
    const organizer = new ApiClient(send);
    await organizer.login('dung@example.org', PASSWORD);
    expect((await organizer.get('/api/audit')).status).toBe(403);
  });
});
