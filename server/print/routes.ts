import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/database';
import { meetings, sessions } from '../db/schema';
import { contentDisposition } from '../http/content-disposition';
import { ApiError, badRequest } from '../http/api-error';
import { baseUrlOf } from '../base-url/base-url-of';
import { parseWith } from '../http/parse-json';
import { newId } from '../ids';
import { authorizeMeeting } from '../auth/authorize';
import { recordPrintedSheet } from './record-printed-sheet';
import { buildSheetCards } from './sheet-cards';
import { sheetFilename } from './sheet-filename';
import type { SheetOptions } from './render-sheets';

const sheetQuery = z.object({
  layout: z.enum(['a4', 'tent', 'grid']).default('a4'),
  sessions: z.string().max(4000).optional().transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
  variants: z.enum(['primary', 'labels', 'all']).default('primary'),
  meeting: z.enum(['0', '1']).default('0'),
  logo: z.enum(['0', '1']).default('1'),
});

const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** A logo must really be a PNG or a JPEG (bytes, not the declared type). */
function logoType(bytes: Uint8Array): 'png' | 'jpg' | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return null;
}

async function sessionTitle(db: Db, meetingId: string, sessionId: string): Promise<string | null> {
  const [row] = await db.select({ title: sessions.title }).from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.meetingId, meetingId)));
  return row?.title ?? null;
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** /api/meetings/:id/sheets.pdf and the sheet logo. */
export const printRoutes = new Hono<AppEnv>()
  .get('/:id/sheets.pdf', async (c) => {
    const q = parseWith(sheetQuery, c.req.query());
    const { db, store, loadSheetFonts, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const baseUrl = await baseUrlOf(c);
    const cards = await buildSheetCards(db, meeting, { sessionIds: q.sessions, variants: q.variants, includeMeeting: q.meeting === '1' }, baseUrl);
    if (cards.length === 0) throw new ApiError(404, 'nothing_to_print', 'No code matches this selection (check sessions and variants)');
    const options: SheetOptions = { layout: q.layout, ...(meeting.organizer && { organizer: meeting.organizer }) };
    if (q.logo === '1' && meeting.logoKey) {
      const object = await store.get(meeting.logoKey);
      if (object) {
        const bytes = await readStream(object.body);
        const type = logoType(bytes);
        if (type) options.logo = { bytes, type };
      }
    }
    // Loaded on first use: the PDF code and its fonts cost ~30 MB a delegate-only server never needs.
    const { renderSheets } = await import('./render-sheets');
    let pdf: Uint8Array;
    try {
      pdf = await renderSheets(cards, options, await loadSheetFonts());
    } catch (error) {
      // The bytes passed the PNG/JPEG check at upload but the image inside is broken.
      if (options.logo) throw new ApiError(422, 'bad_logo', 'The sheet logo could not be read; upload it again as PNG or JPEG');
      throw error;
    }
    // Recorded with the base URL its codes encode: if that address changes later, the console
    // and the start-up log can say which sheets (and how many codes) no longer lead anywhere.
    await recordPrintedSheet(db, { meetingId: meeting.id, baseUrl, layout: q.layout, codeIds: cards.flatMap((card) => (card.codeId ? [card.codeId] : [])), userId: c.var.user.id }, now());
    const onlySession = q.sessions?.length === 1 && q.meeting === '0' ? await sessionTitle(db, meeting.id, q.sessions[0]!) : null;
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', contentDisposition('inline', sheetFilename(meeting.title, onlySession, q.layout)));
    c.header('Cache-Control', 'private, no-store');
    return c.body(pdf as Uint8Array<ArrayBuffer>);
  })
  .put('/:id/logo', async (c) => {
    const { db, store, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > MAX_LOGO_BYTES) throw new ApiError(413, 'file_too_large', 'The logo must be at most 2 MB');
    const bytes = c.req.raw.body ? await readStream(c.req.raw.body) : new Uint8Array();
    if (bytes.length > MAX_LOGO_BYTES) throw new ApiError(413, 'file_too_large', 'The logo must be at most 2 MB');
    const type = logoType(bytes);
    if (!type) throw new ApiError(415, 'unsupported_type', 'The logo must be a PNG or JPEG image');
    const key = `logos/${meeting.id}/${newId()}`;
    await store.put(key, new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), { contentType: type === 'png' ? 'image/png' : 'image/jpeg' });
    await db.update(meetings).set({ logoKey: key, updatedAt: new Date(now()) }).where(eq(meetings.id, meeting.id));
    if (meeting.logoKey) await store.delete(meeting.logoKey).catch(() => {});
    await recordAudit(db, { userId: c.var.user.id, meetingId: meeting.id, action: 'meeting.logo', target: meeting.id }, now());
    return c.json({ ok: true, hasLogo: true });
  })
  .delete('/:id/logo', async (c) => {
    const { db, store, now } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    if (!meeting.logoKey) throw badRequest('This meeting has no logo');
    await db.update(meetings).set({ logoKey: null, updatedAt: new Date(now()) }).where(eq(meetings.id, meeting.id));
    await store.delete(meeting.logoKey).catch(() => {});
    await recordAudit(db, { userId: c.var.user.id, meetingId: meeting.id, action: 'meeting.logo.remove', target: meeting.id }, now());
    return c.body(null, 204);
  });
