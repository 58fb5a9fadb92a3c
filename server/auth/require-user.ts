import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { forbidden, refuse } from '../http/api-error';
import { findSessionUser } from './login-sessions';
import { readSessionCookie } from './session-cookie';

/** Every organizer route sits behind this: no valid login cookie, no access. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const { db, now, settings } = c.var.deps;
  const user = await findSessionUser(db, readSessionCookie(c), now(), settings.secret);
  if (!user) throw refuse('unauthenticated', 'Please log in (your session may have expired)');
  c.set('user', user);
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user.role !== 'admin') throw forbidden('Only administrators may do this');
  await next();
});
