import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { MeResponse } from '../../shared/api-contract';
import { loginInput } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { users } from '../db/schema';
import { refuse } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { createLoginSession, endAllLoginSessions, endLoginSession, purgeExpiredLoginSessions } from './login-sessions';
import { knownDeviceOf, rememberDevice } from './known-device';
import { LoginThrottle } from './login-throttle';
import { decoyHash, verifyPassword } from './password';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';

export function authRoutes(clientAddress: (c: import('hono').Context) => string) {
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const { db, now, settings } = c.var.deps;
    const input = await parseJson(c, loginInput);
    const [user] = await db.select().from(users).where(eq(users.email, input.email));
    // A browser this account logged in from before skips the limits others' failures set.
    const knownDevice = await knownDeviceOf(c, settings.secret, user?.id);
    const attempt = { account: input.email, address: clientAddress(c), knownDevice };
    const throttle = new LoginThrottle(c.var.deps.attempts);
    const wait = await throttle.waitFor(attempt, now());
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw refuse('too_many_attempts', `Too many failed logins; try again in ${Math.ceil(wait / 1000)} s`);
    }
    // Same work and same answer whether or not the account exists: no account discovery.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok || user.disabledAt) {
      await throttle.failed(attempt, now());
      throw refuse('invalid_credentials', 'Wrong email or password');
    }
    await throttle.succeeded(attempt);
    const { secret } = settings;
    const old = readSessionCookie(c);
    if (old) await endLoginSession(db, old, secret);
    writeSessionCookie(c, await createLoginSession(db, user.id, now(), secret));
    await rememberDevice(c, secret, user.id, knownDevice);
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
