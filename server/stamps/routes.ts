import { Hono } from 'hono';
import type { LabelledCopiesView } from '../../shared/api-contract';
import type { AppEnv } from '../app-env';
import { authorizeMeeting } from '../auth/authorize';
import { listUnstamped } from './list-unstamped';

/** GET /api/meetings/:id/labelled-copies: the setting and the PDFs served without a stamp (and why). Turned on with PATCH /api/meetings/:id {labelledCopies}. */
export const labelledCopyRoutes = new Hono<AppEnv>()
  .get('/:id/labelled-copies', async (c) => {
    const { db, store } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const body: LabelledCopiesView = { enabled: meeting.labelledCopies, unstamped: await listUnstamped(db, store, meeting.id) };
    return c.json(body);
  });
