import { z } from 'zod';
import { Hono } from 'hono';
import { createUserInput, passwordRule } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { PasswordCheckThrottle } from '../auth/login-throttle';
import { DomainError } from '../domain-error';
import { refuse } from '../http/api-error';
import { requireAdmin } from '../auth/require-user';
import { parseJson } from '../http/parse-json';
import { authorizeMeeting } from '../auth/authorize';
import { addMember, changeOwnPassword, changeUser, createUser, findUser, listMembers, listUsers, removeMember } from './user-domain';

const userPatch = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  role: z.enum(['admin', 'organizer']).optional(),
  disabled: z.boolean().optional(),
  password: passwordRule.optional(),
});

/** /api/users — accounts, admins only. */
export const userRoutes = new Hono<AppEnv>()
  .post('/me/password', async (c) => {
    const input = await parseJson(c, z.object({ currentPassword: z.string().max(1024), newPassword: passwordRule }));
    const { db, now } = c.var.deps;
    // Throttled like the login: a stolen session cookie must not make guessing the current password free.
    const throttle = new PasswordCheckThrottle(c.var.deps.attempts);
    const wait = await throttle.waitFor(c.var.user.id, now());
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw refuse('too_many_attempts', `Too many wrong passwords; try again in ${Math.ceil(wait / 1000)} s`);
    }
    try {
      await changeOwnPassword(db, c.var.user, input.currentPassword, input.newPassword, now());
    } catch (error) {
      if (error instanceof DomainError && error.code === 'wrong_password') await throttle.failed(c.var.user.id, now());
      throw error;
    }
    await throttle.succeeded(c.var.user.id);
    return c.json({ ok: true });
  })
  .use(requireAdmin)
  .get('/', async (c) => c.json({ users: await listUsers(c.var.deps.db) }))
  .post('/', async (c) => {
    const input = await parseJson(c, createUserInput);
    const { db, now } = c.var.deps;
    return c.json({ user: await createUser(db, c.var.user, input, now()) }, 201);
  })
  .patch('/:id', async (c) => {
    const change = await parseJson(c, userPatch);
    const { db, now } = c.var.deps;
    return c.json({ user: await changeUser(db, c.var.user, await findUser(db, c.req.param('id')), change, now()) });
  });

const memberInput = z.object({ userId: z.string().min(1).max(64) });

/** /api/meetings/:id/members — who may manage a meeting. Members see the list; admins change it. */
export const memberRoutes = new Hono<AppEnv>()
  .get('/:id/members', async (c) => {
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json({ members: await listMembers(c.var.deps.db, meeting.id) });
  })
  .post('/:id/members', requireAdmin, async (c) => {
    const { userId } = await parseJson(c, memberInput);
    const { db, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await addMember(db, c.var.user, meeting.id, userId, now());
    return c.json({ members: await listMembers(db, meeting.id) }, 201);
  })
  .delete('/:id/members/:userId', requireAdmin, async (c) => {
    const { db, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await removeMember(db, c.var.user, meeting.id, c.req.param('userId'), now());
    return c.body(null, 204);
  });
