import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { DomainError } from '../domain-error';
import { readCapped } from '../http/read-body';
import { baseUrlOf } from '../base-url/base-url-of';
import { contentDisposition } from '../http/content-disposition';
import { parseWith } from '../http/parse-json';
import { authorizeMeeting } from '../auth/authorize';
import { MAX_LOGO_BYTES, removeMeetingLogo, setMeetingLogo } from '../meetings/meeting-logo';
import { printMeetingSheets } from './print-meeting-sheets';
import { recordPrintedSheet } from './record-printed-sheet';
import { sessionTitleOf } from './session-title-of';
import { sheetFilename } from './sheet-filename';

const sheetQuery = z.object({
  layout: z.enum(['a4', 'tent', 'grid']).default('a4'),
  sessions: z.string().max(4000).optional().transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
  variants: z.enum(['primary', 'labels', 'all']).default('primary'),
  meeting: z.enum(['0', '1']).default('0'),
  logo: z.enum(['0', '1']).default('1'),
});

/** /api/meetings/:id/sheets.pdf and the sheet logo. */
export const printRoutes = new Hono<AppEnv>()
  .get('/:id/sheets.pdf', async (c) => {
    const q = parseWith(sheetQuery, c.req.query());
    const { db, store, loadSheetFonts, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const selection = { layout: q.layout, sessionIds: q.sessions, variants: q.variants, includeMeeting: q.meeting === '1', withLogo: q.logo === '1' };
    const baseUrl = await baseUrlOf(c);
    const printedAt = now();
    const { pdf, codeIds } = await printMeetingSheets({ db, store, loadSheetFonts }, meeting, selection, baseUrl, printedAt);
    // Recorded with the base URL its codes encode: if that address changes later, the console
    // and the start-up log can say which sheets (and how many codes) no longer lead anywhere.
    await recordPrintedSheet(db, { meetingId: meeting.id, baseUrl, layout: q.layout, codeIds, userId: c.var.user.id }, printedAt);
    const onlySession = q.sessions?.length === 1 && q.meeting === '0' ? await sessionTitleOf(db, meeting.id, q.sessions[0]!) : null;
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', contentDisposition('inline', sheetFilename(meeting.title, onlySession, q.layout)));
    c.header('Cache-Control', 'private, no-store');
    return c.body(pdf as Uint8Array<ArrayBuffer>);
  })
  .put('/:id/logo', async (c) => {
    const { db, store, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    // Counted while it streams: a chunked body is refused at 2 MB, never read whole.
    const bytes = await readCapped(c.req.raw.body, MAX_LOGO_BYTES, c.req.header('content-length'), () => new DomainError('file_too_large', 'The logo must be at most 2 MB'));
    await setMeetingLogo({ db, store, now }, c.var.user, meeting, bytes);
    return c.json({ ok: true, hasLogo: true });
  })
  .delete('/:id/logo', async (c) => {
    const { db, store, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    await removeMeetingLogo({ db, store, now }, c.var.user, meeting);
    return c.body(null, 204);
  });
