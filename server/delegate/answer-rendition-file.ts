import type { AppDeps } from '../app-env';
import { WORD_IMAGE } from '../reader/rendition-plan';
import { loadPage, loadWordImage, type RenditionPageRow } from '../reader/rendition-rows';
import { StorageUnavailableError } from '../storage/object-store';
import type { Answer } from './answer';
import { notFoundAnswer, recordThrough, storageDownAnswer } from './answer-page';
import type { DelegateRequest } from './delegate-request';
import { documentAccess } from './document-access';
import { sessionOfDocument } from './page-model';
import { serveDocument } from './serve-document';

// Rendition files are images made by us, served inert. Their URLs carry the version (?v=),
// so a phone may keep them a day; a new version has new URLs.
const FILE_HEADERS = {
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Cache-Control': 'private, max-age=86400',
};

/** GET /s/:token/r/:documentId/p/:page — one page image, by the list's rules; a real browser's fetch counts for reading depth. */
export async function answerRenditionPage(deps: AppDeps, req: DelegateRequest, token: string, documentId: string, page: number): Promise<Answer> {
  const access = await documentAccess(deps, req, token, documentId);
  if (!access.ok) return access.answer;
  if (!(page >= 1 && page < 1000)) return notFoundAnswer(req.lang(), token);
  const row = await loadPage(deps.db, documentId, access.version.version, page);
  const answer = await serveFile(deps, req, token, row);
  if (answer.status === 200 || answer.status === 304) {
    recordThrough(deps, req, access.view, 'page', documentId, sessionOfDocument(access.view.model, documentId, access.granted), page);
  }
  return answer;
}

/** GET /s/:token/r/:documentId/f/:name — an image of a Word document (img-N.ext). */
export async function answerWordImage(deps: AppDeps, req: DelegateRequest, token: string, documentId: string, name: string): Promise<Answer> {
  const access = await documentAccess(deps, req, token, documentId);
  if (!access.ok) return access.answer;
  const match = WORD_IMAGE.exec(name);
  if (!match) return notFoundAnswer(req.lang(), token);
  return serveFile(deps, req, token, await loadWordImage(deps.db, documentId, access.version.version, Number(match[1])));
}

/** GET /s/:token/r/:documentId/image — an image document shown by the reader (not counted as an open: the reader counted a read). */
export async function answerReaderImage(deps: AppDeps, req: DelegateRequest, token: string, documentId: string): Promise<Answer> {
  const access = await documentAccess(deps, req, token, documentId);
  if (!access.ok) return access.answer;
  if (!access.version.contentType.startsWith('image/')) return notFoundAnswer(req.lang(), token);
  try {
    return await serveDocument(deps.store, access.version, {
      download: false, range: req.header('range'), ifNoneMatch: req.header('if-none-match'), method: req.method, redirect: deps.settings.downloadMode === 'redirect',
    });
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageDownAnswer(req.lang(), token);
    throw error;
  }
}

/** A rendition file from the store, with its type, ETag and cache time; 404 (the code's page) when missing. */
export async function serveFile(deps: Pick<AppDeps, 'store'>, req: DelegateRequest, token: string, row: RenditionPageRow | null): Promise<Answer> {
  if (!row) return notFoundAnswer(req.lang(), token);
  try {
    const object = req.method === 'HEAD' ? null : await deps.store.get(row.storageKey);
    const meta = object ?? (await deps.store.head(row.storageKey));
    if (!meta) return notFoundAnswer(req.lang(), token);
    const headers = { ...FILE_HEADERS, 'Content-Type': row.contentType, ETag: meta.etag };
    const match = req.header('if-none-match');
    if (match && match.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === meta.etag)) {
      await object?.body.cancel();
      return { status: 304, headers, body: null };
    }
    return { status: 200, headers: { ...headers, 'Content-Length': String(meta.size) }, body: object?.body ?? null };
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageDownAnswer(req.lang(), token);
    throw error;
  }
}
