import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { MeResponse } from '../../shared/api-contract';
import { loginInput } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import type { LoginThrottleStore } from '../ports/throttles';
import { users } from '../db/schema';
import { refuse } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { createLoginSession, endAllLoginSessions, endLoginSession, purgeExpiredLoginSessions } from './login-sessions';
import { decoyHash, verifyPassword } from './password';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';

export function authRoutes(clientAddress: (c: import('hono').Context) => string, throttle: LoginThrottleStore) {
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const { db, now } = c.var.deps;
    const input = await parseJson(c, loginInput);
    const keys = [`account:${input.email}`, `address:${clientAddress(c)}`];
    const wait = await throttle.waitFor(keys, now());
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw refuse('too_many_attempts', `Too many failed logins; try again in ${Math.ceil(wait / 1000)} s`);
    }
    const [user] = await db.select().from(users).where(eq(users.email, input.email));
    // Same work and same answer whether or not the account exists: no account discovery.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok || user.disabledAt) {
      await throttle.failed(keys, now());
      throw refuse('invalid_credentials', 'Wrong email or password');
    }
    await throttle.succeeded(keys);
    const { secret } = c.var.deps.settings;
    const old = readSessionCookie(c);
    if (old) await endLoginSession(db, old, secret);
    writeSessionCookie(c, await createLoginSession(db, user.id, now(), secret));
    // Logins are few: tidying dead ones here needs no scheduler on either runtime.
    await purgeExpiredLoginSessions(db, now());
    return c.json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
  });

  app.post('/auth/logout', async (c) => {
    const token = readSessionCookie(c);
    if (token) await endLoginSession(c.var.deps.db, token, c.var.deps.settings.secret);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  app.post('/auth/logout-everywhere', async (c) => {
    await endAllLoginSessions(c.var.deps.db, c.var.user.id);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  // The console refuses too-big files before sending them, so it needs the server's limit.
  app.get('/me', (c) => {
    const body: MeResponse = { user: c.var.user, limits: { maxUploadBytes: c.var.deps.settings.maxUploadBytes } };
    return c.json(body);
  });

  return app;
}
