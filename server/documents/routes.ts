import { Hono } from 'hono';
import { documentPatch } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { badRequest } from '../http/api-error';
import { STATUS_OF } from '../http/error-status';
import { formParts } from '../http/form-parts';
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
    const parts = formParts(c.req.raw.body, c.req.header('content-type') ?? '', 'Expected a multipart/form-data body with one or more "file" fields');
    const { documents, failures } = await uploadDocuments(uploadDeps(c), meeting.id, c.var.user, parts);
    c.var.deps.jobs?.wake(); // the new versions' background work (signature checks, renditions)
    const first = failures[0];
    if (!first) return c.json({ documents }, 201);
    // Refused files are named one by one; the accepted ones of the same upload are kept and listed.
    const errors = failures.map((f) => ({ file: f.file, status: STATUS_OF[f.code], code: f.code, message: f.message }));
    if (first.code === 'storage_unavailable') c.header('Retry-After', '30');
    return c.json({ error: { code: first.code, message: first.message, file: first.file }, errors, documents }, STATUS_OF[first.code]);
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
    const parts = formParts(c.req.raw.body, c.req.header('content-type') ?? '', 'Expected a multipart/form-data body with a "file" field');
    try {
      let part = await parts.next();
      while (part && part.filename === undefined) part = await parts.next();
      if (!part) throw badRequest('No file in the upload (expected a "file" field)');
      // `confirm=1`: the organizer saw the signature difference a first attempt answered (409) and goes on.
      const confirmSignatureChange = c.req.query('confirm') === '1';
      const replaced = await replaceDocumentFile(uploadDeps(c), c.var.user, document, { filename: part.filename!, stream: part.stream() }, { confirmSignatureChange });
      c.var.deps.jobs?.wake();
      return c.json({ document: replaced });
    } catch (error) {
      // A refused file is named by the document it was meant to replace.
      if (error instanceof UploadRefused) throw new UploadRefused(error.code, error.message, { file: document.title });
      throw error;
    } finally {
      // Never masks the answer: a body that already failed may refuse to be cancelled too.
      await parts.close().catch(() => {});
    }
  });
