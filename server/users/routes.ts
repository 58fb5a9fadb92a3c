import { z } from 'zod';
import { Hono } from 'hono';
import { createUserInput, passwordRule } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { recordAudit } from '../audit/record-audit';
import { verifyPassword } from '../auth/password';
import { requireAdmin } from '../auth/require-user';
import { addUser } from '../auth/users';
import { ApiError } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { authorizeMeeting } from '../auth/authorize';
import { addMember, changeUser, findUser, listMembers, listUsers, removeMember } from './user-domain';

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
    const me = await findUser(db, c.var.user.id);
    if (!(await verifyPassword(input.currentPassword, me.passwordHash))) throw new ApiError(400, 'wrong_password', 'The current password is wrong', { field: 'currentPassword' });
    await changeUser(db, me, { password: input.newPassword }, now());
    await recordAudit(db, { userId: me.id, action: 'user.password', target: me.id }, now());
    return c.json({ ok: true });
  })
  .use(requireAdmin)
  .get('/', async (c) => c.json({ users: await listUsers(c.var.deps.db) }))
  .post('/', async (c) => {
    const input = await parseJson(c, createUserInput);
    const { db, now } = c.var.deps;
    const user = await addUser(db, input, now());
    await recordAudit(db, { userId: c.var.user.id, action: 'user.create', target: user.id, detail: { email: user.email, role: user.role } }, now());
    return c.json({ user }, 201);
  })
  .patch('/:id', async (c) => {
    const change = await parseJson(c, userPatch);
    const { db, now } = c.var.deps;
    if (c.req.param('id') === c.var.user.id && (change.disabled || change.role === 'organizer')) {
      throw new ApiError(400, 'self_lockout', 'You cannot disable yourself or remove your own admin role');
    }
    const user = await changeUser(db, await findUser(db, c.req.param('id')), change, now());
    await recordAudit(db, { userId: c.var.user.id, action: 'user.update', target: user.id, detail: { ...change, password: change.password ? 'reset' : undefined } }, now());
    return c.json({ user });
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
    await addMember(db, meeting.id, userId, now());
    await recordAudit(db, { userId: c.var.user.id, meetingId: meeting.id, action: 'member.add', target: userId }, now());
    return c.json({ members: await listMembers(db, meeting.id) }, 201);
  })
  .delete('/:id/members/:userId', requireAdmin, async (c) => {
    const { db, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await removeMember(db, meeting.id, c.req.param('userId'));
    await recordAudit(db, { userId: c.var.user.id, meetingId: meeting.id, action: 'member.remove', target: c.req.param('userId') }, now());
    return c.body(null, 204);
  });
