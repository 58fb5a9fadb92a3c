import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { delegateStrings, fillText, type DelegateLang } from '../../shared/i18n/delegate';
import type { AppEnv } from '../app-env';
import { PinThrottle } from './pin-throttle';
import { htmlAnswer, encodedAnswer, toResponse, type Answer, type Encoded } from './answer';
import { answerBook } from './answer-book';
import { answerDocument } from './answer-document';
import { answerPage, notFoundAnswer } from './answer-page';
import { answerReader } from './answer-reader';
import { answerSeen } from './answer-seen';
import { answerReaderImage, answerRenditionPage, answerWordImage } from './answer-rendition-file';
import { checkPin, type PinResult } from './check-pin';
import { DelegateRequest } from './delegate-request';
import { pagePath } from './delegate-url';
import { enhanceAssets } from './enhance-assets';
import { loadCodeView } from './load-code-view';
import { gzip } from './page-cache';
import { writeGrant } from './pin-grant';
import { windowRefusal } from './viewing-window';
import { renderNotFoundPage, renderPinPage } from './render-state-page';

type C = Context<AppEnv>;

/** The delegate code's view of a Hono request. */
export function delegateRequestOf(c: C, clientAddress?: (c: C) => string): DelegateRequest {
  const url = c.req.url;
  const query = url.indexOf('?');
  let waitUntil: ((work: Promise<unknown>) => void) | undefined;
  try {
    const ctx = c.executionCtx; // Workers: keep the isolate alive until a write is done
    waitUntil = (work) => ctx.waitUntil(work);
  } catch {
    // Node has no execution context: promises run on their own.
  }
  const req = new DelegateRequest(c.req.method, query === -1 ? '' : url.slice(query), c.req.raw.headers, () => new URL(url).origin, waitUntil);
  const address = clientAddress?.(c);
  if (address && address !== 'unknown') req.address = address; // no address known: no grouping of cookieless bursts
  return req;
}

const respond = (req: DelegateRequest, answer: Answer) => toResponse(answer, req.setCookies);

function pinRefusal(lang: DelegateLang, result: Exclude<PinResult, { ok: true }>): { status: number; message: string; retryAfter?: number } {
  const t = delegateStrings[lang];
  if (result.reason === 'wrong') return { status: 403, message: fillText(t.pinWrong, { n: result.triesLeft }) };
  const seconds = Math.max(1, Math.ceil(result.waitMs / 1000));
  const message = result.by === 'session' ? fillText(t.pinSessionBusy, { n: seconds }) : fillText(t.pinLocked, { n: Math.max(1, Math.ceil(result.waitMs / 60_000)) });
  return { status: 429, message, retryAfter: seconds };
}

/**
 * A PIN post another site's page made the phone send: it would spend the phone's tries
 * and could lock the code. Sec-Fetch-Site says it when the browser sends it. Our pages
 * carry Referrer-Policy: no-referrer, so a browser posts our own form with `Origin: null`:
 * only a real, different origin counts as another site.
 */
function fromAnotherSite(c: C, req: DelegateRequest): boolean {
  const site = req.header('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = req.header('origin');
  const publicUrl = c.var.deps.settings.publicUrl;
  return !!origin && origin !== 'null' && origin !== req.origin && (!publicUrl || origin !== new URL(publicUrl).origin);
}

// Form bodies here are a PIN and a session id; anything bigger is not ours.
const MAX_FORM_BYTES = 2048;

const redirect = (location: string, extra: Record<string, string> = {}): Answer => ({ status: 303, headers: { Location: location, ...extra }, body: null });

/**
 * GET /s/:token, GET /s/:token/d/:documentId, the reader under /s/:token/r/:documentId,
 * POST /s/:token/pin, and the enhancement
 * assets under /s/_/. The pages and documents are answered by answerPage and
 * answerDocument, which the Node entry's direct lane calls too.
 */
export function delegateRoutes(clientAddress?: (c: C) => string) {
  const compressed = new Map<string, Encoded>();

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
      return toResponse(encodedAnswer(ready, 200, { ...asset.headers, Vary: 'Accept-Encoding' }, c.req.header('accept-encoding')), []);
    })
    .get('/:token', async (c) => {
      const req = delegateRequestOf(c, clientAddress);
      return respond(req, await answerPage(c.var.deps, req, c.req.param('token')));
    })
    // This device's previous visit, for the page's "new"/"updated" badges (answer-seen.ts).
    .get('/:token/seen', async (c) => {
      const req = delegateRequestOf(c);
      return respond(req, await answerSeen(c.var.deps, req, c.req.param('token')));
    })
    .get('/:token/d/:documentId', async (c) => {
      const req = delegateRequestOf(c, clientAddress);
      const { token, documentId } = c.req.param();
      return respond(req, await answerDocument(c.var.deps, req, token, documentId));
    })
    // The meeting book: the code's own, or a session's through a meeting code (same rules as the list: page-books.ts).
    .get('/:token/b', async (c) => {
      const req = delegateRequestOf(c, clientAddress);
      return respond(req, await answerBook(c.var.deps, req, c.req.param('token')));
    })
    .get('/:token/b/:sessionId', async (c) => {
      const req = delegateRequestOf(c, clientAddress);
      return respond(req, await answerBook(c.var.deps, req, c.req.param('token'), c.req.param('sessionId')));
    })
    // The reader and its files: same code, release, PIN and rotation rules as the list (documentAccess).
    .get('/:token/r/:documentId', async (c) => {
      const req = delegateRequestOf(c);
      return respond(req, await answerReader(c.var.deps, req, c.req.param('token'), c.req.param('documentId')));
    })
    .get('/:token/r/:documentId/p/:page{[0-9]{1,4}}', async (c) => {
      const req = delegateRequestOf(c);
      const { token, documentId, page } = c.req.param();
      return respond(req, await answerRenditionPage(c.var.deps, req, token, documentId, Number(page)));
    })
    .get('/:token/r/:documentId/f/:name', async (c) => {
      const req = delegateRequestOf(c);
      const { token, documentId, name } = c.req.param();
      return respond(req, await answerWordImage(c.var.deps, req, token, documentId, name));
    })
    .get('/:token/r/:documentId/image', async (c) => {
      const req = delegateRequestOf(c);
      return respond(req, await answerReaderImage(c.var.deps, req, c.req.param('token'), c.req.param('documentId')));
    })
    .post('/:token/pin', bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.body('Payload too large', 413) }), async (c) => {
      const token = c.req.param('token');
      const req = delegateRequestOf(c);
      const lang = req.lang();
      if (fromAnotherSite(c, req)) return respond(req, htmlAnswer(403, 'cross_site', renderNotFoundPage(lang, token)));
      const { deps } = c.var;
      const view = await loadCodeView(deps, token);
      if (!view) return respond(req, notFoundAnswer(lang, token));
      const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
      const sessionId = view.model.codeSessionId ?? String(form.session ?? '');
      const open = view.model.state === 'list' && !windowRefusal(view.model, token, lang, deps.now());
      const session = open ? view.model.sessions.find((s) => s.id === sessionId && s.pinHash) : undefined;
      // No PIN to check (none set, removed meanwhile, not open): back to the page, which says why.
      if (!session?.pinHash) return respond(req, redirect(pagePath(token)));
      const deviceId = req.deviceId();
      const throttle = new PinThrottle(deps.attempts);
      const result = await checkPin(throttle, { sessionId: session.id, deviceId, pin: String(form.pin ?? ''), pinHash: session.pinHash }, deps.now());
      if (result.ok) {
        await writeGrant(req, deps.settings.secret, session.pinHash, token, session.id, deviceId);
        return respond(req, redirect(pagePath(token), { 'Cache-Control': 'no-store' }));
      }
      const refusal = pinRefusal(lang, result);
      return respond(req, htmlAnswer(refusal.status, 'pin', renderPinPage(view.model, token, lang, session.id, refusal.message),
        refusal.retryAfter ? { 'Retry-After': String(refusal.retryAfter) } : {}));
    });
}
