import { Hono, type Context } from 'hono';
import { delegateStrings, type DelegateLang } from '../../shared/i18n/delegate';
import type { AppEnv } from '../app-env';
import { classifyClient, isPrefetch } from '../access/client-info';
import { StorageUnavailableError } from '../storage/object-store';
import { chooseLang, deviceIdOf } from './delegate-request';
import { loadPage, type ReadyPage } from './load-page';
import { renderMessagePage } from './render-page';
import { serveDocument } from './serve-document';

type C = Context<AppEnv>;

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // Revalidate every time: an unchanged page costs a 304, a changed one shows at once.
  'Cache-Control': 'private, no-cache',
  Vary: 'Accept-Encoding, Accept-Language, Cookie',
};

function htmlResponse(status: number, html: string, extra: Record<string, string> = {}) {
  return new Response(html, { status, headers: { ...PAGE_HEADERS, 'Cache-Control': 'no-store', ...extra } });
}

function notFoundPage(lang: DelegateLang, token: string) {
  const t = delegateStrings[lang];
  return htmlResponse(404, renderMessagePage(lang, t.notFoundTitle, t.notFoundText, `/s/${encodeURIComponent(token)}?lang=${lang === 'vi' ? 'en' : 'vi'}`));
}

function storageDownPage(lang: DelegateLang) {
  const t = delegateStrings[lang];
  return htmlResponse(503, renderMessagePage(lang, t.storageDown, t.storageDown, '?lang=' + (lang === 'vi' ? 'en' : 'vi')), { 'Retry-After': '30' });
}

/** Records a view or an open after the response is on its way; HEAD and prefetches are not delegates. */
function recordAccess(c: C, page: ReadyPage, kind: 'view' | 'open', documentId: string | null) {
  if (c.req.method !== 'GET' || isPrefetch(c.req.raw.headers)) return;
  const client = classifyClient(c.req.header('user-agent'));
  const { recorder, now } = c.var.deps;
  const pending = recorder.record({
    at: new Date(now()), kind, meetingId: page.meetingId, sessionId: page.sessionId, codeId: page.codeId, label: page.label,
    documentId, deviceId: deviceIdOf(c), browser: client.browser, os: client.os, isBot: client.isBot,
  });
  if (pending) deferWork(c, pending);
}

function deferWork(c: C, work: Promise<void>) {
  const guarded = work.catch((error) => console.error('access log: write failed', error));
  try {
    c.executionCtx.waitUntil(guarded); // Workers: keep the isolate alive until the write is done
  } catch {
    // Node has no execution context: the promise runs on its own.
  }
}

function variantOf(c: C) {
  const client = classifyClient(c.req.header('user-agent'));
  return { lang: chooseLang(c), androidInApp: client.inApp !== null && client.os === 'Android' };
}

function sendPage(c: C, page: ReadyPage): Response {
  const headers: Record<string, string> = { ...PAGE_HEADERS, ETag: page.etag };
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  const match = c.req.header('if-none-match');
  if (match && match.split(/\s*,\s*/).includes(page.etag)) return c.body(null, 304);
  const accepts = c.req.header('accept-encoding') ?? '';
  if (page.br && /\bbr\b/.test(accepts)) {
    c.header('Content-Encoding', 'br');
    return c.body(page.br as Uint8Array<ArrayBuffer>);
  }
  if (/\bgzip\b/.test(accepts)) {
    c.header('Content-Encoding', 'gzip');
    return c.body(page.gzip as Uint8Array<ArrayBuffer>);
  }
  return c.body(page.html as Uint8Array<ArrayBuffer>);
}

export const delegateRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const token = c.req.param('token');
    const variant = variantOf(c);
    const page = await loadPage(c.var.deps, token, variant);
    if (!page) return notFoundPage(variant.lang, token);
    if (page.state === 'list') recordAccess(c, page, 'view', null);
    return sendPage(c, page);
  })
  .get('/:token/d/:documentId', async (c) => {
    const { token, documentId } = c.req.param();
    const variant = variantOf(c);
    const page = await loadPage(c.var.deps, token, variant);
    if (!page) return notFoundPage(variant.lang, token);
    const version = page.versions.get(documentId);
    if (!version) return notFoundPage(variant.lang, token);
    const rangeHeader = c.req.header('range');
    const { store, settings } = c.var.deps;
    let response: Response;
    try {
      response = await serveDocument(store, version, {
        download: c.req.query('download') === '1',
        range: rangeHeader,
        ifNoneMatch: c.req.header('if-none-match'),
        method: c.req.method,
        redirect: settings.downloadMode === 'redirect',
      });
    } catch (error) {
      if (error instanceof StorageUnavailableError) return storageDownPage(variant.lang);
      throw error;
    }
    // A PDF viewer fetches many ranges of one file: only the first (or a whole-file fetch) is an "open".
    const firstRange = !rangeHeader || /^bytes=0-/.test(rangeHeader);
    if (response.status < 300 && firstRange) recordAccess(c, page, 'open', documentId);
    else if (response.status === 302) recordAccess(c, page, 'open', documentId);
    for (const [name, value] of c.res.headers) if (name === 'set-cookie') response.headers.append(name, value);
    return response;
  });
