import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { delegateStrings, fillText, type DelegateLang } from '../../shared/i18n/delegate';
import type { AppEnv } from '../app-env';
import { classifyClient } from '../access/client-info';
import { recordDelegateAccess } from '../access/record-delegate-access';
import { baseUrlOf } from '../http/base-url';
import { StorageUnavailableError } from '../storage/object-store';
import { checkPin, type PinResult } from './check-pin';
import { chooseLang, deviceIdOf, existingDeviceId } from './delegate-request';
import { enhanceAssets } from './enhance-assets';
import { loadCodeView, type CodeView } from './load-code-view';
import { loadPage, type ReadyPage } from './load-page';
import { gzip } from './page-cache';
import { pageListsDocument, sessionOfDocument } from './page-model';
import { grantedSessions, writeGrant } from './pin-grant';
import { PinThrottle } from './pin-throttle';
import type { PageVariant } from './render-page';
import { renderClosedPage, renderMessagePage, renderNotFoundPage, renderPinPage } from './render-state-page';
import { serveDocument } from './serve-document';

type C = Context<AppEnv>;

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // Revalidate every time: an unchanged page costs a 304, a changed one shows at once.
  'Cache-Control': 'private, no-cache',
  Vary: 'Accept-Encoding, Accept-Language, Cookie',
};

/** A one-off page (errors, refusals): never cached anywhere. */
function htmlResponse(c: C, status: number, state: string, html: string, extra: Record<string, string> = {}) {
  for (const [name, value] of Object.entries({ ...PAGE_HEADERS, 'Cache-Control': 'no-store', 'X-Page-State': state, ...extra })) c.header(name, value);
  return c.body(html, status as 200);
}

const notFoundPage = (c: C, lang: DelegateLang, token: string) => htmlResponse(c, 404, 'not_found', renderNotFoundPage(lang, token));

function storageDownPage(c: C, lang: DelegateLang, token: string) {
  const t = delegateStrings[lang];
  return htmlResponse(c, 503, 'storage_down', renderMessagePage(lang, t.storageDown, [t.storageDown], `/s/${encodeURIComponent(token)}?lang=${lang === 'vi' ? 'en' : 'vi'}`), { 'Retry-After': '30' });
}

function variantOf(c: C): PageVariant {
  const client = classifyClient(c.req.header('user-agent'));
  return { lang: chooseLang(c), androidInApp: client.inApp !== null && client.os === 'Android', origin: baseUrlOf(c) };
}

/** Bytes in the best encoding the client takes, pre-compressed. */
function sendEncoded(c: C, ready: { html: Uint8Array; gzip?: Uint8Array; br?: Uint8Array }, status: number) {
  const accepts = c.req.header('accept-encoding') ?? '';
  const body = ready.br && /\bbr\b/.test(accepts) ? (c.header('Content-Encoding', 'br'), ready.br)
    : ready.gzip && /\bgzip\b/.test(accepts) ? (c.header('Content-Encoding', 'gzip'), ready.gzip)
    : ready.html;
  const res = c.body(body as Uint8Array<ArrayBuffer>, status as 200);
  if (body === ready.html) return res;
  // Workers compress a body to match its Content-Encoding unless told it already is
  // ('manual'); without this the page would go out compressed twice. Node ignores the option.
  // The bytes themselves, not res.body: a stream would send every page through Node's slow streaming path.
  return new Response(body as Uint8Array<ArrayBuffer>, { status: res.status, headers: res.headers, encodeBody: 'manual' } as ResponseInit);
}

function sendPage(c: C, page: ReadyPage): Response {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  c.header('ETag', page.etag);
  // Tells the service worker which pages are worth keeping offline, and the refresh script that the answer is ours.
  c.header('X-Page-State', page.state);
  const match = c.req.header('if-none-match');
  if (page.status === 200 && match && match.split(/\s*,\s*/).includes(page.etag)) return c.body(null, 304);
  return sendEncoded(c, page, page.status);
}

/** The refresh script's polls ask the same URL: they are not new views. */
const isRefreshPoll = (c: C) => c.req.header('x-qrhop-refresh') === '1';

function record(c: C, view: CodeView, kind: 'view' | 'open', documentId: string | null, sessionId: string | null) {
  recordDelegateAccess(c, {
    kind, meetingId: view.meetingId, sessionId, codeId: view.codeId, label: view.label, documentId,
  }, () => deviceIdOf(c));
}

function pinRefusal(lang: DelegateLang, result: Exclude<PinResult, { ok: true }>): { status: number; message: string; retryAfter?: number } {
  const t = delegateStrings[lang];
  if (result.reason === 'wrong') return { status: 403, message: fillText(t.pinWrong, { n: result.triesLeft }) };
  const minutes = Math.max(1, Math.ceil(result.waitMs / 60_000));
  return { status: 429, message: fillText(result.by === 'code' ? t.pinCodeLocked : t.pinLocked, { n: minutes }), retryAfter: Math.ceil(result.waitMs / 1000) };
}

/**
 * A PIN post another site's page made the phone send: it would spend the phone's tries
 * and could lock the code. Sec-Fetch-Site says it when the browser sends it. Our pages
 * carry Referrer-Policy: no-referrer, so a browser posts our own form with `Origin: null`:
 * only a real, different origin counts as another site.
 */
function fromAnotherSite(c: C): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  return !!origin && origin !== 'null' && origin !== new URL(c.req.url).origin && origin !== new URL(baseUrlOf(c)).origin;
}

// Form bodies here are a PIN and a session id; anything bigger is not ours.
const MAX_FORM_BYTES = 2048;

/** GET /s/:token, GET /s/:token/d/:documentId, POST /s/:token/pin, and the enhancement assets under /s/_/. */
export function delegateRoutes() {
  const throttle = new PinThrottle();
  const compressed = new Map<string, { html: Uint8Array; gzip: Uint8Array; br?: Uint8Array }>();

  return new Hono<AppEnv>()
    .get('/_/:name', async (c) => {
      const path = `/s/_/${c.req.param('name')}`;
      const asset = enhanceAssets.get(path);
      if (!asset) return c.body('Not found', 404);
      let ready = compressed.get(path);
      if (!ready) {
        const html = new TextEncoder().encode(asset.body);
        ready = { html, gzip: await gzip(html), ...(c.var.deps.brotli && { br: c.var.deps.brotli(html) }) };
        compressed.set(path, ready);
      }
      for (const [name, value] of Object.entries(asset.headers)) c.header(name, value);
      c.header('Vary', 'Accept-Encoding');
      return sendEncoded(c, ready, 200);
    })
    .get('/:token', async (c) => {
      const token = c.req.param('token');
      const variant = variantOf(c);
      const { deps } = c.var;
      const view = await loadCodeView(deps, token);
      if (!view) return notFoundPage(c, variant.lang, token);
      const granted = await grantedSessions(c, view.model, deps.settings.secret, token, existingDeviceId(c));
      const page = await loadPage(deps, view, variant, granted);
      // A scan of a published code is a view, even before the documents are out.
      if ((page.state === 'list' || page.state === 'not_released') && !isRefreshPoll(c)) record(c, view, 'view', null, view.model.codeSessionId);
      return sendPage(c, page);
    })
    .get('/:token/d/:documentId', async (c) => {
      const { token, documentId } = c.req.param();
      const variant = variantOf(c);
      const { deps } = c.var;
      const view = await loadCodeView(deps, token);
      if (!view) return notFoundPage(c, variant.lang, token);
      if (view.model.state === 'closed') return htmlResponse(c, 410, 'closed', renderClosedPage(view.model, token, variant.lang));
      const version = view.versions.get(documentId);
      if (!version) return notFoundPage(c, variant.lang, token);
      const granted = await grantedSessions(c, view.model, deps.settings.secret, token, existingDeviceId(c));
      if (!pageListsDocument(view.model, documentId, granted)) {
        // Listed only in PIN sessions this device has no grant for: ask for the PIN right here.
        const locked = view.model.sessions.find((s) => s.pinHash && s.documents.some((d) => d.id === documentId));
        if (locked) return htmlResponse(c, 403, 'pin', renderPinPage(view.model, token, variant.lang, locked.id));
        return notFoundPage(c, variant.lang, token);
      }
      const rangeHeader = c.req.header('range');
      let response: Response;
      try {
        response = await serveDocument(deps.store, version, {
          download: c.req.query('download') === '1',
          range: rangeHeader,
          ifNoneMatch: c.req.header('if-none-match'),
          method: c.req.method,
          redirect: deps.settings.downloadMode === 'redirect',
        });
      } catch (error) {
        if (error instanceof StorageUnavailableError) return storageDownPage(c, variant.lang, token);
        throw error;
      }
      // A PDF viewer fetches many ranges of one file: only a whole-file fetch or the first range is an "open".
      // A 304 is an open too: the delegate opened it again, from the browser's copy.
      const firstRange = !rangeHeader || /^bytes=0-/.test(rangeHeader);
      if ((response.status < 300 && firstRange) || response.status === 302 || response.status === 304) {
        record(c, view, 'open', documentId, sessionOfDocument(view.model, documentId, granted));
      }
      for (const [name, value] of c.res.headers) if (name === 'set-cookie') response.headers.append(name, value);
      return response;
    })
    .post('/:token/pin', bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.body('Payload too large', 413) }), async (c) => {
      const token = c.req.param('token');
      const lang = chooseLang(c);
      if (fromAnotherSite(c)) return htmlResponse(c, 403, 'cross_site', renderNotFoundPage(lang, token));
      const { deps } = c.var;
      const view = await loadCodeView(deps, token);
      if (!view) return notFoundPage(c, lang, token);
      const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
      const sessionId = view.model.codeSessionId ?? String(form.session ?? '');
      const session = view.model.state === 'list' ? view.model.sessions.find((s) => s.id === sessionId && s.pinHash) : undefined;
      // No PIN to check (none set, removed meanwhile, not open): back to the page, which says why.
      if (!session?.pinHash) return c.redirect(`/s/${token}`, 303);
      const deviceId = deviceIdOf(c);
      const result = await checkPin(throttle, { token, deviceId, pin: String(form.pin ?? ''), pinHash: session.pinHash }, deps.now());
      if (result.ok) {
        await writeGrant(c, deps.settings.secret, session.pinHash, token, session.id, deviceId);
        c.header('Cache-Control', 'no-store');
        return c.redirect(`/s/${token}`, 303);
      }
      const refusal = pinRefusal(lang, result);
      return htmlResponse(c, refusal.status, 'pin', renderPinPage(view.model, token, lang, session.id, refusal.message),
        refusal.retryAfter ? { 'Retry-After': String(refusal.retryAfter) } : {});
    });
}
