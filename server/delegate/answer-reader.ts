import type { AppDeps } from '../app-env';
import { renditionRoute } from '../reader/rendition-plan';
import { loadPage, loadPageSizes, loadPageTexts, loadRendition } from '../reader/rendition-rows';
import { StorageUnavailableError } from '../storage/object-store';
import { encodedAnswer, PAGE_HEADERS, type Answer } from './answer';
import { recordThrough, storageDownAnswer, variantOf } from './answer-page';
import type { DelegateRequest } from './delegate-request';
import { documentAccess } from './document-access';
import { androidIntentUrl } from './intent-url';
import { makeLeaveGrant } from './leave-grant';
import { gzip } from './page-cache';
import { sessionOfDocument } from './page-model';
import { renderReader, type ReaderBody, type ReaderContext } from './render-reader';

const READER_HEADERS = { ...PAGE_HEADERS, 'X-Page-State': 'reader' };
const encoder = new TextEncoder();

/** GET /s/:token/r/:documentId — the document readable in this page: page images, Word text, or the image itself. */
export async function answerReader(deps: AppDeps, req: DelegateRequest, token: string, documentId: string): Promise<Answer> {
  const access = await documentAccess(deps, req, token, documentId);
  if (!access.ok) return access.answer;
  const { view, version, granted } = access;
  const variant = variantOf(deps, req);
  const document = view.model.sessions.flatMap((s) => s.documents).find((d) => d.id === documentId)!;
  const sessionId = sessionOfDocument(view.model, documentId, granted);
  const context: ReaderContext = {
    lang: variant.lang, basePath: `/s/${token}/r/${documentId}`, listHref: `/s/${token}`, originalHref: `/s/${token}/d/${documentId}`, meetingTitle: view.model.meeting.title, timezone: view.model.meeting.timezone, document, version: version.version,
    leaveHref: variant.androidInApp ? await leaveHref(deps, req, view.model.sessions.find((s) => s.id === sessionId)?.pinHash ?? null, token, documentId, sessionId, variant.origin) : null,
  };
  let body: ReaderBody;
  try {
    body = await readerBody(deps, (name) => req.query(name), documentId, version.version, version.contentType);
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageDownAnswer(variant.lang, token);
    throw error;
  }
  // One reading is one "read": not the page's own reloads while waiting, the text view or later parts.
  if (!req.query('wait') && !req.query('text') && (req.query('part') ?? '1') === '1') recordThrough(deps, req, view, 'read', documentId, sessionId);
  const html = encoder.encode(renderReader(context, body));
  return encodedAnswer({ html, gzip: await gzip(html), ...(deps.brotli && { br: deps.brotli(html) }) }, 200, READER_HEADERS, req.header('accept-encoding'));
}

/** What the reader shows for a document version, by its rendition's state (`query`: the request's ?text= and ?part=). */
export async function readerBody(deps: Pick<AppDeps, 'db' | 'store' | 'jobs'>, query: (name: string) => string | undefined, documentId: string, version: number, contentType: string): Promise<ReaderBody> {
  if (!renditionRoute(contentType)) return { kind: 'none' };
  const rendition = await loadRendition(deps.db, documentId, version);
  if (!rendition) return { kind: 'none' };
  // Waiting only where a runner will make it (the Node server); elsewhere (Workers, for now) the
  // page would reload for nothing: the delegate gets the original's links at once.
  if (rendition.status === 'waiting' || rendition.status === 'working') return deps.jobs ? { kind: 'waiting', rendition } : { kind: 'none' };
  if (rendition.status !== 'ready') return { kind: 'none' };
  if (rendition.format === 'image') return { kind: 'image', width: rendition.width ?? 0, height: rendition.height ?? 0 };
  if (rendition.format === 'pages') {
    if (query('text') === '1') return { kind: 'text', pages: await loadPageTexts(deps.db, documentId, version) };
    return { kind: 'pages', rendition, pages: await loadPageSizes(deps.db, documentId, version) };
  }
  const parts = rendition.pagesDone;
  const part = Math.min(Math.max(1, Number.parseInt(query('part') ?? '1', 10) || 1), Math.max(1, parts));
  const row = await loadPage(deps.db, documentId, version, part);
  const object = row && (await deps.store.get(row.storageKey));
  if (!object) return { kind: 'none' };
  return { kind: 'word', html: await new Response(object.body).text(), part, parts };
}

/**
 * The original in the phone's browser, for in-app browsers. A PIN session's link carries a
 * short-lived signed grant (and this device's id), so the other browser neither asks for the
 * PIN again nor counts a second device.
 */
async function leaveHref(deps: AppDeps, req: DelegateRequest, pinHash: string | null, token: string, documentId: string, sessionId: string | null, origin: string) {
  let url = `${origin}/s/${token}/d/${documentId}`;
  if (pinHash && sessionId) url += `?g=${await makeLeaveGrant(deps.settings.secret, pinHash, token, documentId, sessionId, req.deviceId(), deps.now())}`;
  return androidIntentUrl(url);
}
