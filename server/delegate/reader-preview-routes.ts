import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { documentVersions } from '../db/schema';
import { toResponse } from './answer';
import { readerBody } from './answer-reader';
import { serveFile } from './answer-rendition-file';
import { renderReader } from './render-reader';
import { delegateRequestOf } from './routes';
import { serveDocument } from './serve-document';
import { authorizeDocument } from '../auth/authorize';
import { WORD_IMAGE } from '../reader/rendition-plan';
import { loadPage, loadWordImage } from '../reader/rendition-rows';

type C = Context<AppEnv>;

/** The organizer's document with its current version (authorized: a member of its meeting, or an admin). */
async function previewTarget(c: C) {
  const { db } = c.var.deps;
  const { meeting, document } = await authorizeDocument(db, c.var.user, c.req.param('id')!);
  const [file] = await db.select().from(documentVersions).where(and(eq(documentVersions.documentId, document.id), eq(documentVersions.version, document.currentVersion)));
  return { meeting, document, file: file! };
}

/**
 * GET /api/documents/:id/preview (and its files): the reader exactly as a delegate gets it,
 * for the organizer, before publication too. Same renderer and rendition files; reached
 * through the login instead of a code.
 */
export const readerPreviewRoutes = new Hono<AppEnv>()
  .get('/:id/preview', async (c) => {
    const { meeting, document, file } = await previewTarget(c);
    const req = delegateRequestOf(c);
    const base = `/api/documents/${document.id}/preview`;
    const body = await readerBody(c.var.deps, (name) => c.req.query(name), document.id, file.version, file.contentType);
    const html = renderReader({
      lang: req.lang(), basePath: base, listHref: `/admin/meetings/${meeting.id}/documents`, originalHref: null, meetingTitle: meeting.title,
      document: { id: document.id, title: document.title, contentType: file.contentType, size: file.size }, version: file.version, leaveHref: null,
    }, body);
    return toResponse({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body: html }, req.setCookies);
  })
  .get('/:id/preview/p/:page{[0-9]{1,4}}', async (c) => {
    const { document, file } = await previewTarget(c);
    const req = delegateRequestOf(c);
    return toResponse(await serveFile(c.var.deps, req, '', await loadPage(c.var.deps.db, document.id, file.version, Number(c.req.param('page')))), []);
  })
  .get('/:id/preview/f/:name', async (c) => {
    const { document, file } = await previewTarget(c);
    const match = WORD_IMAGE.exec(c.req.param('name'));
    const row = match ? await loadWordImage(c.var.deps.db, document.id, file.version, Number(match[1])) : null;
    return toResponse(await serveFile(c.var.deps, delegateRequestOf(c), '', row), []);
  })
  // The organizer's own download of the stored original: never stamped (labelled copies are for delegates).
  .get('/:id/original', async (c) => {
    const { file } = await previewTarget(c);
    return toResponse(await serveDocument(c.var.deps.store, file, { download: true, range: c.req.header('range'), ifNoneMatch: c.req.header('if-none-match'), method: c.req.method, redirect: false }), []);
  })
  .get('/:id/preview/image', async (c) => {
    const { file } = await previewTarget(c);
    if (!file.contentType.startsWith('image/')) return c.json({ error: { code: 'not_found', message: 'Not an image document' } }, 404);
    return toResponse(await serveDocument(c.var.deps.store, file, { download: false, range: c.req.header('range'), ifNoneMatch: c.req.header('if-none-match'), method: c.req.method, redirect: false }), []);
  });
