import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, memoryDb } from '../../test/support/auth-fixtures';
import { refusingApp } from '../../test/support/refusing-app';
import type { AppDeps, AppEnv } from '../app-env';
import { loginSessions, users } from '../db/schema';
import { MemoryAttemptStore } from './attempt-store';
import { requireAdmin, requireUser } from './require-user';
import { authRoutes } from './routes';

// The auth routes on a real in-memory SQLite, behind requireUser as app.ts mounts them (login and logout public).
let handle: ReturnType<typeof memoryDb>;
let clock: number;
let app: Hono<AppEnv>;
const T0 = Date.parse('2026-12-01T08:00:00Z');

beforeEach(async () => {
  handle = memoryDb();
  clock = T0;
  const deps = { db: handle.db, now: () => clock, settings: { secret: 'test-secret', maxUploadBytes: 5 * 1024 * 1024 }, attempts: new MemoryAttemptStore() } as unknown as AppDeps;
  app = refusingApp() as unknown as Hono<AppEnv>;
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/api/*', async (c, next) => (['/api/auth/login', '/api/auth/logout'].includes(c.req.path) ? next() : requireUser(c, next)));
  app.get('/api/admin-only', requireAdmin, (c) => c.text('admin'));
  app.route('/api', authRoutes((c) => c.req.header('x-address') ?? 'unknown'));
  await insertUser(handle.db, { id: 'u1', email: 'chi.an@ubnd.vn', name: 'Chị An', password: 'mật khẩu đủ dài', role: 'organizer' });
  await insertUser(handle.db, { id: 'u2', email: 'admin@ubnd.vn', name: 'Admin', password: 'mật khẩu quản trị', role: 'admin' });
});
afterEach(() => handle.close());

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const pair = (setCookie: string | undefined) => setCookie!.split(';')[0]!;
async function login(email: string, password: string, headers: Record<string, string> = {}, base = 'http://qr.example.vn') {
  return app.request(`${base}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }), headers: { 'x-address': '10.0.0.1', ...headers } });
}
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('POST /api/auth/login', () => {
  it('logs in with a session cookie (HttpOnly, Lax, 7 days) and a known-device cookie, and answers the user', async () => {
    const res = await login('  Chi.An@UBND.vn ', 'mật khẩu đủ dài');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { id: 'u1', email: 'chi.an@ubnd.vn', name: 'Chị An', role: 'organizer' } });
    expect(cookieOf(res, 'qrhop_session')).toMatch(/^qrhop_session=[A-Za-z0-9_-]{32}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookieOf(res, 'qrhop_known')).toMatch(/; Path=\/api\/auth; HttpOnly; SameSite=Strict$/);
    const me = await app.request('/api/me', { headers: { cookie: pair(cookieOf(res, 'qrhop_session')) } });
    expect(await me.json()).toEqual({ user: { id: 'u1', email: 'chi.an@ubnd.vn', name: 'Chị An', role: 'organizer' }, limits: { maxUploadBytes: 5 * 1024 * 1024 } });
    const secure = await login('chi.an@ubnd.vn', 'mật khẩu đủ dài', {}, 'https://qr.example.vn');
    expect(cookieOf(secure, 'qrhop_session')).toMatch(/; Secure; SameSite=Lax$/);
  });

  it('answers the same 401 for a wrong password, an unknown email and a disabled account', async () => {
    await handle.db.update(users).set({ disabledAt: new Date(T0) }).where(eq(users.id, 'u2'));
    for (const [email, password] of [['chi.an@ubnd.vn', 'sai mật khẩu'], ['nobody@ubnd.vn', 'mật khẩu đủ dài'], ['admin@ubnd.vn', 'mật khẩu quản trị']]) {
      const res = await login(email!, password!);
      expect(res.status, email).toBe(401);
      expect(await errorOf(res)).toEqual({ code: 'invalid_credentials', message: 'Wrong email or password' });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(await handle.db.select().from(loginSessions)).toEqual([]);
  });

  it('after 5 wrong passwords from one address waits 1 s (429, Retry-After), then lets a try through', async () => {
    for (let i = 0; i < 5; i++) expect((await login('chi.an@ubnd.vn', `sai ${i}`)).status).toBe(401);
    const refused = await login('chi.an@ubnd.vn', 'mật khẩu đủ dài');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await errorOf(refused)).toEqual({ code: 'too_many_attempts', message: 'Too many failed logins; try again in 1 s' });
    // Another address on the same account is not slowed.
    expect((await login('chi.an@ubnd.vn', 'mật khẩu đủ dài', { 'x-address': '10.0.0.2' })).status).toBe(200);
    clock += 400;
    expect((await login('chi.an@ubnd.vn', 'mật khẩu đủ dài')).headers.get('retry-after')).toBe('1');
    clock += 600;
    expect((await login('chi.an@ubnd.vn', 'sai nữa')).status).toBe(401);
    const second = await login('chi.an@ubnd.vn', 'mật khẩu đủ dài');
    expect(second.headers.get('retry-after')).toBe('2');
    expect((await errorOf(second)).message).toBe('Too many failed logins; try again in 2 s');
  });

  it('a right password clears the address’s count', async () => {
    for (let i = 0; i < 4; i++) await login('chi.an@ubnd.vn', `sai ${i}`);
    expect((await login('chi.an@ubnd.vn', 'mật khẩu đủ dài')).status).toBe(200);
    for (let i = 0; i < 4; i++) await login('chi.an@ubnd.vn', `sai ${i}`);
    expect((await login('chi.an@ubnd.vn', 'mật khẩu đủ dài')).status).toBe(200);
  });

  it('lets the owner’s known browser in while its address is throttled', async () => {
    const first = await login('chi.an@ubnd.vn', 'mật khẩu đủ dài');
    const known = pair(cookieOf(first, 'qrhop_known'));
    for (let i = 0; i < 5; i++) await login('chi.an@ubnd.vn', `sai ${i}`);
    expect((await login('chi.an@ubnd.vn', 'mật khẩu đủ dài')).status).toBe(429);
    const again = await login('chi.an@ubnd.vn', 'mật khẩu đủ dài', { cookie: known });
    expect(again.status).toBe(200);
    // The same device id is kept.
    expect(pair(cookieOf(again, 'qrhop_known'))).toBe(known);
    // The cookie is good for that account only.
    for (let i = 0; i < 5; i++) await login('admin@ubnd.vn', `sai ${i}`);
    expect((await login('admin@ubnd.vn', 'mật khẩu quản trị', { cookie: known })).status).toBe(429);
  });

  it('a new login ends the login the browser still had, and tidies expired ones', async () => {
    const old = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài'), 'qrhop_session'));
    await handle.db.insert(loginSessions).values({ idHash: 'expired', userId: 'u2', createdAt: new Date(0), lastSeenAt: new Date(0), expiresAt: new Date(1) });
    const next = await login('chi.an@ubnd.vn', 'mật khẩu đủ dài', { cookie: old });
    expect((await app.request('/api/me', { headers: { cookie: old } })).status).toBe(401);
    expect((await app.request('/api/me', { headers: { cookie: pair(cookieOf(next, 'qrhop_session')) } })).status).toBe(200);
    expect((await handle.db.select().from(loginSessions)).map((r) => r.idHash)).not.toContain('expired');
    expect(await handle.db.select().from(loginSessions)).toHaveLength(1);
  });

  it('answers 400 for a body that is not a login', async () => {
    const res = await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'a@x.vn' }) });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('bad_request');
  });
});

describe('logout, requireUser, requireAdmin', () => {
  it('refuses organizer routes without a valid login (401)', async () => {
    for (const cookie of ['', 'qrhop_session=made-up']) {
      const res = await app.request('/api/me', { headers: { cookie } });
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toEqual({ code: 'unauthenticated', message: 'Please log in (your session may have expired)' });
    }
  });

  it('logout ends this login and clears the cookie; logout without a login is fine', async () => {
    const session = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài'), 'qrhop_session'));
    const other = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài', { 'x-address': '10.0.0.9' }), 'qrhop_session'));
    const out = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: session } });
    expect(await out.json()).toEqual({ ok: true });
    expect(cookieOf(out, 'qrhop_session')).toMatch(/^qrhop_session=; Max-Age=0; Path=\//);
    expect((await app.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
    expect((await app.request('/api/me', { headers: { cookie: other } })).status).toBe(200);
    const anonymous = await app.request('/api/auth/logout', { method: 'POST' });
    expect(anonymous.status).toBe(200);
    expect(cookieOf(anonymous, 'qrhop_session')).toMatch(/Max-Age=0/);
    expect(cookieOf(await app.request('https://qr.example.vn/api/auth/logout', { method: 'POST' }), 'qrhop_session')).toMatch(/; Secure/);
  });

  it('logout everywhere ends every login of the account, not others’', async () => {
    const a = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài'), 'qrhop_session'));
    const b = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài', { 'x-address': '10.0.0.9' }), 'qrhop_session'));
    const admin = pair(cookieOf(await login('admin@ubnd.vn', 'mật khẩu quản trị'), 'qrhop_session'));
    const out = await app.request('/api/auth/logout-everywhere', { method: 'POST', headers: { cookie: a } });
    expect(await out.json()).toEqual({ ok: true });
    expect(cookieOf(out, 'qrhop_session')).toMatch(/Max-Age=0/);
    expect((await app.request('/api/me', { headers: { cookie: b } })).status).toBe(401);
    expect((await app.request('/api/me', { headers: { cookie: admin } })).status).toBe(200);
    expect((await app.request('/api/auth/logout-everywhere', { method: 'POST' })).status).toBe(401);
  });

  it('lets administrators only through requireAdmin (403 for organizers)', async () => {
    const organizer = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài'), 'qrhop_session'));
    const admin = pair(cookieOf(await login('admin@ubnd.vn', 'mật khẩu quản trị'), 'qrhop_session'));
    const refused = await app.request('/api/admin-only', { headers: { cookie: organizer } });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toEqual({ code: 'forbidden', message: 'Only administrators may do this' });
    expect(await (await app.request('/api/admin-only', { headers: { cookie: admin } })).text()).toBe('admin');
  });

  it('a login idle for 12 h is refused at the next request', async () => {
    const session = pair(cookieOf(await login('chi.an@ubnd.vn', 'mật khẩu đủ dài'), 'qrhop_session'));
    clock += 12 * 3600_000;
    expect((await app.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
  });
});
