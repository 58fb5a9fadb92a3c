import { Hono } from 'hono';
import { sessionDocumentsInput, sessionInput, sessionPatch } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { parseJson } from '../http/parse-json';
import { authorizeMeeting, authorizeSession } from '../auth/authorize';
import { setSessionDocuments } from './session-documents';
import { createSession, deleteSession, updateSession } from './session-domain';
import { toSessionView } from './session-view';

/** POST /api/meetings/:id/sessions */
export const meetingSessionRoutes = new Hono<AppEnv>()
  .post('/:id/sessions', async (c) => {
    const input = await parseJson(c, sessionInput);
    const { db, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const session = await createSession(db, c.var.user, meeting.id, input, now());
    return c.json({ session: toSessionView(session) }, 201);
  });

/** PATCH|DELETE /api/sessions/:id, PUT /api/sessions/:id/documents */
export const sessionRoutes = new Hono<AppEnv>()
  .patch('/:id', async (c) => {
    const change = await parseJson(c, sessionPatch);
    const { db, now } = c.var.deps;
    const { session } = await authorizeSession(db, c.var.user, c.req.param('id'));
    return c.json({ session: toSessionView(await updateSession(db, c.var.user, session, change, now())) });
  })
  .delete('/:id', async (c) => {
    const { db, now } = c.var.deps;
    const { session } = await authorizeSession(db, c.var.user, c.req.param('id'));
    await deleteSession(db, c.var.user, session, now());
    return c.body(null, 204);
  })
  .put('/:id/documents', async (c) => {
    const { documentIds } = await parseJson(c, sessionDocumentsInput);
    const { db, now } = c.var.deps;
    const { meeting, session } = await authorizeSession(db, c.var.user, c.req.param('id'));
    await setSessionDocuments(db, c.var.user, meeting, session.id, documentIds, now());
    return c.json({ sessionId: session.id, documentIds: [...new Set(documentIds)] });
  });
