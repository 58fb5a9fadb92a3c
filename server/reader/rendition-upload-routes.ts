import { Hono, type Context } from 'hono';
import type { MeetingRenditions } from '../../shared/rendition-api';
import { startRenditionInput } from '../../shared/rendition-input';
import type { AppEnv } from '../app-env';
import { contentDisposition } from '../http/content-disposition';
import { ApiError, badRequest } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { authorizeDocument, authorizeMeeting } from '../auth/authorize';
import { clientRenditionState, MAX_PAGE_TEXT, putClientPage, renditionOverview, renditionSource, startClientRendition, type ClientRenditionDeps } from './client-rendition';
import { PAGE_IMAGE_LIMITS } from './page-image';

/** A runtime that says nothing renders nothing itself (and lets clients build every page rendition). */
const NONE = { pdf: false, office: false, word: false };
/** pdf-lib holds the PDF whole: this much is safe in a Worker's 128 MB as well as on Node. */
export const DEFAULT_PDF_COUNT_MAX_BYTES = 16 * 1024 * 1024;

const deps = (c: Context<AppEnv>): ClientRenditionDeps => {
  const { db, store, now, readerRuntime } = c.var.deps;
  return { db, store, now, renders: readerRuntime?.renders ?? NONE, pdfCountMaxBytes: readerRuntime?.pdfCountMaxBytes ?? DEFAULT_PDF_COUNT_MAX_BYTES };
};

const versionParam = (c: Context) => {
  const version = Number(c.req.param('version'));
  if (!Number.isInteger(version) || version < 1) throw badRequest('version: expected a positive integer', { field: 'version' });
  return version;
};

/** A multipart page upload: the image, its text, and the form's own bytes. */
const MAX_PAGE_REQUEST = PAGE_IMAGE_LIMITS.maxBytes + MAX_PAGE_TEXT * 4 + 64 * 1024;

/** Reads a request body, refusing it once it passes `max` bytes (nothing beyond is buffered). */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, 'page_too_large', `A page upload may have at most ${PAGE_IMAGE_LIMITS.maxBytes} bytes of image`, { limit: PAGE_IMAGE_LIMITS.maxBytes });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** GET /api/meetings/:id/renditions — each current document's reader state (console, CLI). */
export const meetingRenditionRoutes = new Hono<AppEnv>()
  .get('/:id/renditions', async (c) => {
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    const { renders } = deps(c);
    const body: MeetingRenditions = { renders, documents: await renditionOverview(c.var.deps.db, meeting.id, renders) };
    return c.json(body);
  });

/**
 * /api/documents/:id/versions/:version/… — a client (the console's PDF.js, `qrhop
 * renditions build`) fetches the original, renders its pages and uploads them here.
 */
export const renditionUploadRoutes = new Hono<AppEnv>()
  .get('/:id/versions/:version/source', async (c) => {
    const version = versionParam(c);
    const { document } = await authorizeDocument(c.var.deps.db, c.var.user, c.req.param('id'));
    const { file, object } = await renditionSource(c.var.deps, document.id, version);
    return new Response(object.body, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(object.size),
        // Never shown inline from the API's origin: an uploaded HTML or SVG must not run as the console.
        'Content-Disposition': contentDisposition('attachment', file.filename),
        'Cache-Control': 'private, no-store',
      },
    });
  })
  .get('/:id/versions/:version/rendition', async (c) => {
    const version = versionParam(c);
    const { document } = await authorizeDocument(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json(await clientRenditionState(deps(c), document.id, version));
  })
  .post('/:id/versions/:version/rendition', async (c) => {
    const version = versionParam(c);
    const input = await parseJson(c, startRenditionInput);
    const { document } = await authorizeDocument(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json(await startClientRendition(deps(c), document.id, version, input));
  })
  .put('/:id/versions/:version/rendition/pages/:page', async (c) => {
    const version = versionParam(c);
    const page = Number(c.req.param('page'));
    const { document } = await authorizeDocument(c.var.deps.db, c.var.user, c.req.param('id'));
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('multipart/form-data')) throw new ApiError(415, 'multipart_expected', 'Send the page as multipart/form-data with an "image" file and a "text" field');
    const body = await readCapped(c.req.raw.body, MAX_PAGE_REQUEST);
    let form: FormData;
    try {
      form = await new Response(body as unknown as BodyInit, { headers: { 'content-type': type } }).formData();
    } catch {
      throw badRequest('The multipart body cannot be read');
    }
    const image = form.get('image');
    if (!image || typeof image === 'string') throw badRequest('image: a file is required', { field: 'image' });
    const text = form.get('text');
    const bytes = new Uint8Array(await (image as Blob).arrayBuffer());
    return c.json(await putClientPage(deps(c), document.id, version, page, bytes, typeof text === 'string' ? text : ''));
  });
