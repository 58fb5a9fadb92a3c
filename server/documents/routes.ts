import { Hono } from 'hono';
import { documentPatch } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { ApiError } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { authorizeDocument, authorizeMeeting } from '../auth/authorize';
import { deleteDocument, replaceDocumentFile, updateDocument } from './change-document';
import { documentViews } from './document-view';
import { UploadRefused } from './receive-file';
import { uploadDocuments } from './upload-documents';

const uploadDeps = (c: { var: AppEnv['Variables'] }) => ({ ...c.var.deps, maxUploadBytes: c.var.deps.settings.maxUploadBytes });

/** GET|POST /api/meetings/:id/documents */
export const meetingDocumentRoutes = new Hono<AppEnv>()
  .get('/:id/documents', async (c) => {
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json({ documents: await documentViews(c.var.deps.db, { meetingId: meeting.id }) });
  })
  .post('/:id/documents', async (c) => {
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    const { documents, failures } = await uploadDocuments(uploadDeps(c), meeting.id, c.var.user, c.req.raw.body, c.req.header('content-type') ?? '');
    const first = failures[0];
    if (!first) return c.json({ documents }, 201);
    // Refused files are named one by one; the accepted ones of the same upload are kept and listed.
    if (first.status === 503) c.header('Retry-After', '30');
    return c.json({ error: { code: first.code, message: first.message, file: first.file }, errors: failures, documents }, first.status as 400 | 413 | 415 | 503);
  });

/** PATCH|DELETE /api/documents/:id, PUT /api/documents/:id/file */
export const documentRoutes = new Hono<AppEnv>()
  .patch('/:id', async (c) => {
    const change = await parseJson(c, documentPatch);
    const { db, now } = c.var.deps;
    const { document } = await authorizeDocument(db, c.var.user, c.req.param('id'));
    return c.json({ document: await updateDocument(db, c.var.user, document, change, now()) });
  })
  .delete('/:id', async (c) => {
    const { db, store, now } = c.var.deps;
    const { document } = await authorizeDocument(db, c.var.user, c.req.param('id'));
    await deleteDocument(db, store, c.var.user, document, now());
    return c.body(null, 204);
  })
  .put('/:id/file', async (c) => {
    const { document } = await authorizeDocument(c.var.deps.db, c.var.user, c.req.param('id'));
    try {
      return c.json({ document: await replaceDocumentFile(uploadDeps(c), c.var.user, document, c.req.raw.body, c.req.header('content-type') ?? '') });
    } catch (error) {
      if (error instanceof UploadRefused) throw new ApiError(error.status, error.code, error.message, { file: document.title });
      throw error;
    }
  });
