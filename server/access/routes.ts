import { Hono } from 'hono';
import type { MeetingStatsView } from '../../shared/api-contract';
import type { AppEnv } from '../app-env';
import { contentDisposition } from '../http/content-disposition';
import { authorizeMeeting } from '../auth/authorize';
import { accessCsv } from './access-csv';
import { meetingStats } from './meeting-stats';

/** GET /api/meetings/:id/stats and /access.csv[?sep=;] */
export const accessRoutes = new Hono<AppEnv>()
  .get('/:id/stats', async (c) => {
    const { db, recorder } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await recorder.flush(meeting.id); // the figures include what was just recorded
    const body: MeetingStatsView = { meetingId: meeting.id, ...(await meetingStats(db, meeting.id)) };
    return c.json(body);
  })
  .get('/:id/access.csv', async (c) => {
    const { db, recorder } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await recorder.flush(meeting.id);
    const body = await accessCsv(db, meeting, c.req.query('sep') === ';' ? ';' : ',');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', contentDisposition('attachment', `${meeting.title} - truy cập.csv`));
    c.header('Cache-Control', 'no-store');
    return c.body(body);
  });
