import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { accessEvents, documents, sessions } from '../db/schema';
import { authorizeMeeting } from '../meetings/meeting-access';
import { meetingStats } from './meeting-stats';

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Leading = + - @ would run as formulas in Excel: prefix them (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** GET /api/meetings/:id/stats and /access.csv */
export const accessRoutes = new Hono<AppEnv>()
  .get('/:id/stats', async (c) => {
    const { db, recorder } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await recorder.flush(); // the figures include what was just recorded
    return c.json({ meetingId: meeting.id, ...(await meetingStats(db, meeting.id)) });
  })
  .get('/:id/access.csv', async (c) => {
    const { db, recorder } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await recorder.flush();
    const rows = await db
      .select({ at: accessEvents.at, kind: accessEvents.kind, session: sessions.title, label: accessEvents.label, document: documents.title, device: accessEvents.deviceId, browser: accessEvents.browser, os: accessEvents.os, bot: accessEvents.isBot })
      .from(accessEvents)
      .leftJoin(sessions, eq(sessions.id, accessEvents.sessionId))
      .leftJoin(documents, eq(documents.id, accessEvents.documentId))
      .where(eq(accessEvents.meetingId, meeting.id))
      .orderBy(asc(accessEvents.at), asc(accessEvents.id));
    const header = ['time', 'kind', 'session', 'label', 'document', 'device', 'browser', 'os', 'bot'];
    const lines = rows.map((r) => [r.at.toISOString(), r.kind, r.session, r.label, r.document, r.device.slice(0, 12), r.browser, r.os, r.bot ? 'yes' : 'no'].map(csvCell).join(','));
    // UTF-8 with a BOM so Excel shows Vietnamese correctly.
    const body = '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="access-${meeting.id}.csv"`);
    return c.body(body);
  });
