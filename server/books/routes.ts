import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { MeetingBooksView } from '../../shared/api-contract';
import type { AppEnv } from '../app-env';
import { authorizeMeeting } from '../auth/authorize';
import { meetingBooks, sessions } from '../db/schema';
import { toResponse } from '../delegate/answer';
import { BUILD_BOOKS } from '../delegate/queue-book-builds';
import { serveDocument } from '../delegate/serve-document';
import { DomainError } from '../domain-error';
import { pendingJobs } from '../jobs/enqueue-job';
import { MEETING_SCOPE } from './book-inputs';
import type { BookManifest } from './compile-book';

// The meeting-wide book's scope is '' in the table; in a URL it is spelled 'meeting'.
const scopeOf = (param: string) => (param === 'meeting' ? MEETING_SCOPE : param);

/** GET /api/meetings/:id/books (what was built, what was left out) and /books/:scope/file (the organizer's copy, never stamped). */
export const meetingBookRoutes = new Hono<AppEnv>()
  .get('/:id/books', async (c) => {
    const { db } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const rows = await db.select().from(meetingBooks).where(eq(meetingBooks.meetingId, meeting.id));
    const titles = new Map((await db.select({ id: sessions.id, title: sessions.title, position: sessions.position }).from(sessions).where(eq(sessions.meetingId, meeting.id))).map((s) => [s.id, s]));
    const building = (await pendingJobs(db, BUILD_BOOKS, meeting.id)).length > 0;
    const body: MeetingBooksView = {
      building,
      books: rows
        .sort((a, b) => (a.scope === MEETING_SCOPE ? -1 : b.scope === MEETING_SCOPE ? 1 : (titles.get(a.scope)?.position ?? 0) - (titles.get(b.scope)?.position ?? 0)))
        .map((r) => {
          const manifest = JSON.parse(r.manifest) as BookManifest;
          return {
            sessionId: r.scope || null, sessionTitle: titles.get(r.scope)?.title ?? null, pages: r.pages, bytes: r.bytes, builtAt: r.builtAt.toISOString(),
            etag: `"b-${r.inputsHash}"`, capped: manifest.capped,
            leftOut: manifest.leftOut.map((d) => ({ documentId: d.id, title: d.title, reason: d.reason })),
            href: `/api/meetings/${meeting.id}/books/${r.scope || 'meeting'}/file`,
          };
        }),
    };
    return c.json(body);
  })
  .get('/:id/books/:scope/file', async (c) => {
    const { db, store } = c.var.deps;
    const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
    const [row] = await db.select().from(meetingBooks).where(and(eq(meetingBooks.meetingId, meeting.id), eq(meetingBooks.scope, scopeOf(c.req.param('scope')))));
    if (!row) throw new DomainError('not_found', 'No book for this scope yet');
    const version = { version: 0, storageKey: row.storageKey, filename: `${meeting.title}.pdf`, contentType: 'application/pdf', size: row.bytes, etag: `"b-${row.inputsHash}"` };
    return toResponse(await serveDocument(store, version, { download: true, range: c.req.header('range'), ifNoneMatch: c.req.header('if-none-match'), method: c.req.method, redirect: false }), []);
  });
