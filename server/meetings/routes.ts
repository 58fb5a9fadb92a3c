import { Hono } from 'hono';
import { meetingInput, meetingPatch } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { baseUrlOf } from '../base-url/base-url-of';
import { parseJson } from '../http/parse-json';
import { authorizeMeeting } from '../auth/authorize';
import { createMeeting, deleteMeeting, listMeetings, meetingDetail, toMeetingView, updateMeeting } from './meeting-domain';

export const meetingRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await listMeetings(c.var.deps.db, c.var.user);
    return c.json({ meetings: rows.map(toMeetingView) });
  })
  .post('/', async (c) => {
    const input = await parseJson(c, meetingInput);
    const { db, now } = c.var.deps;
    const meeting = await createMeeting(db, c.var.user, input, now());
    return c.json(await meetingDetail(db, meeting, await baseUrlOf(c)), 201);
  })
  .get('/:id', async (c) => {
    const { db } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    return c.json(await meetingDetail(db, meeting, await baseUrlOf(c)));
  })
  .patch('/:id', async (c) => {
    const change = await parseJson(c, meetingPatch);
    const { db, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const updated = await updateMeeting(db, c.var.user, meeting, change, now());
    return c.json(await meetingDetail(db, updated, await baseUrlOf(c)));
  })
  .delete('/:id', async (c) => {
    const { db, store, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await deleteMeeting(db, store, c.var.user, meeting, now());
    return c.body(null, 204);
  });
