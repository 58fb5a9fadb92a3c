import { Hono } from 'hono';
import { chunkedReplaceInput, chunkedUploadInput } from '../../../shared/schemas';
import type { ChunkedUploadResponse } from '../../../shared/api-contract';
import type { AppEnv } from '../../app-env';
import { authorizeDocument, authorizeMeeting } from '../../auth/authorize';
import { parseJson } from '../../http/parse-json';
import { discardBody, readCapped } from '../../http/read-body';
import { DomainError } from '../../domain-error';
import { documentViews } from '../document-view';
import { UploadRefused } from '../receive-file';
import { abortChunkedUpload } from './abort-chunked-upload';
import { completeChunkedReplacement, completeChunkedUpload } from './complete-chunked-upload';
import { authorizeChunkedUpload, chunkedUploadView } from './load-chunked-upload';
import { refuseWhileCompleting, withCompletionClaim } from './claim-completion';
import { startChunkedUpload } from './start-chunked-upload';
import { expectedPart, partSizeMismatch, storePart } from './store-part';

const uploadDeps = (c: { var: AppEnv['Variables'] }) => ({ ...c.var.deps, maxUploadBytes: c.var.deps.settings.maxUploadBytes });

/** POST /api/meetings/:id/uploads: starts a chunked upload (an organizer of the meeting). */
export const meetingChunkedUploadRoutes = new Hono<AppEnv>()
  .post('/:id/uploads', async (c) => {
    const input = await parseJson(c, chunkedUploadInput);
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    const upload = await startChunkedUpload(uploadDeps(c), meeting.id, c.var.user, input);
    return c.json({ upload: await chunkedUploadView(c.var.deps.db, upload) } satisfies ChunkedUploadResponse, 201);
  });

/**
 * POST /api/documents/:id/uploads: starts a chunked upload of a new file for the document (its
 * next version on completion), for an organizer of its meeting, as PUT /api/documents/:id/file.
 */
export const documentChunkedUploadRoutes = new Hono<AppEnv>()
  .post('/:id/uploads', async (c) => {
    const input = await parseJson(c, chunkedReplaceInput);
    // The same check as the one-request replacement: a document of a meeting this user may manage.
    const { meeting, document } = await authorizeDocument(c.var.deps.db, c.var.user, c.req.param('id'));
    const upload = await startChunkedUpload(uploadDeps(c), meeting.id, c.var.user, input, document);
    return c.json({ upload: await chunkedUploadView(c.var.deps.db, upload) } satisfies ChunkedUploadResponse, 201);
  });

/**
 * GET|DELETE /api/uploads/:id, PUT /api/uploads/:id/parts/:n, POST /api/uploads/:id/complete (its
 * starter only), for new documents and replacements alike.
 */
export const chunkedUploadRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const upload = await authorizeChunkedUpload(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json({ upload: await chunkedUploadView(c.var.deps.db, upload) } satisfies ChunkedUploadResponse);
  })
  .put('/:id/parts/:n{[0-9]+}', async (c) => {
    const upload = await authorizeChunkedUpload(c.var.deps.db, c.var.user, c.req.param('id'));
    const n = Number(c.req.param('n'));
    let expected: number;
    try {
      expected = expectedPart(upload, n);
    } catch (error) {
      // A wrong part number still gets its precise answer: up to one part of its body is read and
      // dropped first, so the client sees the 400 instead of a connection reset mid-send.
      await discardBody(c.req.raw.body, upload.partSize);
      throw error;
    }
    // Never more than the part's own size is held: a longer body is refused while it streams.
    const bytes = await readCapped(c.req.raw.body, expected, c.req.header('content-length'), () => partSizeMismatch(n, expected, 'more')).catch(async (error: unknown) => {
      if (error instanceof DomainError) {
        await discardBody(c.req.raw.body, upload.partSize); // the answer, not a reset (bounded)
        throw error;
      }
      // The connection dropped mid-part: nothing of it is kept; the client sends it again.
      throw new UploadRefused('upload_interrupted', `Part ${n} of "${upload.filename}" was not received completely`, { partNumber: n });
    });
    await storePart(uploadDeps(c), upload, n, bytes);
    return c.json({ upload: await chunkedUploadView(c.var.deps.db, upload) } satisfies ChunkedUploadResponse);
  })
  .post('/:id/complete', async (c) => {
    const { db } = c.var.deps;
    const upload = await authorizeChunkedUpload(db, c.var.user, c.req.param('id'));
    // Named for the change announcement: the new document may show on delegate pages.
    await authorizeMeeting(db, c.var.user, upload.meetingId);
    if (upload.replacesVersion !== null) {
      // `confirm=1`: the organizer saw the signature difference a first completion answered (409) and goes on.
      const confirmSignatureChange = c.req.query('confirm') === '1';
      const document = await withCompletionClaim(c.var.deps, upload, () => completeChunkedReplacement(uploadDeps(c), c.var.user, upload, { confirmSignatureChange }));
      return c.json({ document });
    }
    const documentId = await withCompletionClaim(c.var.deps, upload, () => completeChunkedUpload(uploadDeps(c), c.var.user, upload));
    c.var.deps.jobs?.wake(); // the new version's background work (signature check, reader)
    return c.json({ documents: await documentViews(db, { ids: [documentId] }) }, 201);
  })
  .delete('/:id', async (c) => {
    const upload = await authorizeChunkedUpload(c.var.deps.db, c.var.user, c.req.param('id'));
    refuseWhileCompleting(upload, c.var.deps.now());
    await abortChunkedUpload(c.var.deps, upload);
    return c.body(null, 204);
  });
