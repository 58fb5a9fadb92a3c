import { delegateStrings, type DelegateLang } from '../../shared/i18n/delegate';
import type { AppDeps } from '../app-env';
import { recordDelegateAccess } from './record-delegate-access';
import { encodedAnswer, htmlAnswer, PAGE_HEADERS, type Answer } from './answer';
import type { DelegateRequest } from './delegate-request';
import { cachedCodeView, loadCodeView, type CodeView } from './load-code-view';
import { cachedPage, loadPage, type ReadyPage } from './load-page';
import { grantedSessions, NO_GRANTS } from './pin-grant';
import type { PageVariant } from './render-page';
import { renderMessagePage, renderNotFoundPage } from './render-state-page';

export const notFoundAnswer = (lang: DelegateLang, token: string) => htmlAnswer(404, 'not_found', renderNotFoundPage(lang, token));

export function storageDownAnswer(lang: DelegateLang, token: string): Answer {
  const t = delegateStrings[lang];
  const otherLang = `/s/${encodeURIComponent(token)}?lang=${lang === 'vi' ? 'en' : 'vi'}`;
  return htmlAnswer(503, 'storage_down', renderMessagePage(lang, t.storageDown, [t.storageDown], otherLang), { 'Retry-After': '30' });
}

/** The meeting's answer could not be had (Workers: its Durable Object failed or was unreachable): try again soon. */
export function busyAnswer(lang: DelegateLang, token: string): Answer {
  const t = delegateStrings[lang];
  const otherLang = `/s/${encodeURIComponent(token)}?lang=${lang === 'vi' ? 'en' : 'vi'}`;
  const again = `/s/${encodeURIComponent(token)}${lang === 'en' ? '?lang=en' : ''}`;
  return htmlAnswer(503, 'busy', renderMessagePage(lang, t.busyTitle, [t.busy], otherLang, { action: { href: again, label: t.tryAgain } }), { 'Retry-After': '5' });
}

export function variantOf(deps: AppDeps, req: DelegateRequest): PageVariant {
  const client = req.client();
  return { lang: req.lang(), androidInApp: client.inApp !== null && client.os === 'Android', origin: deps.settings.publicUrl ?? req.origin };
}

/** Records a view, an open, a reader open ('read') or a reader page fetched ('page') through this code. */
export function recordThrough(deps: AppDeps, req: DelegateRequest, view: CodeView, kind: 'view' | 'open' | 'read' | 'page' | 'book', documentId: string | null, sessionId: string | null, page?: number) {
  recordDelegateAccess(deps, req, { kind, meetingId: view.meetingId, sessionId, codeId: view.codeId, label: view.label, documentId, ...(page !== undefined && { page }) });
}

// Headers of a cached page, made once per page (the answers built from them are kept on the page too).
const pageHeaders = new WeakMap<ReadyPage, Record<string, string>>();

function headersOf(page: ReadyPage): Record<string, string> {
  let headers = pageHeaders.get(page);
  if (!headers) {
    // X-Page-State tells the service worker which pages are worth keeping offline, and the refresh script that the answer is ours.
    headers = { ...PAGE_HEADERS, ETag: page.etag, 'X-Page-State': page.state };
    pageHeaders.set(page, headers);
  }
  return headers;
}

const notModified = new WeakMap<ReadyPage, Answer>();

function pageAnswer(page: ReadyPage, req: DelegateRequest): Answer {
  const match = req.header('if-none-match');
  if (page.status === 200 && match && match.split(/\s*,\s*/).includes(page.etag)) {
    let answer = notModified.get(page);
    if (!answer) notModified.set(page, (answer = { status: 304, headers: headersOf(page), body: null }));
    return answer;
  }
  return encodedAnswer(page, page.status, headersOf(page), req.header('accept-encoding'));
}

/** GET /s/:token — the page a scan opens: the list, or the state page standing in for it. */
export async function answerPage(deps: AppDeps, req: DelegateRequest, token: string): Promise<Answer> {
  const variant = variantOf(deps, req);
  // The cache's answers are taken without awaiting: a scan burst asks for the same few pages.
  const view = cachedCodeView(deps, token) ?? (await loadCodeView(deps, token));
  if (!view) return notFoundAnswer(variant.lang, token);
  const granted = view.model.sessions.some((s) => s.pinHash) ? await grantedSessions(req, view.model, deps.settings.secret, token) : NO_GRANTS;
  const page = cachedPage(deps, view, variant, granted) ?? (await loadPage(deps, view, variant, granted));
  // A scan of a published code is a view, even before the documents are out.
  // The refresh script's polls ask the same URL: they are not new views.
  const answer = pageAnswer(page, req);
  // A 304 without a device cookie is a revalidation nobody can be counted for (not a new device).
  const countable = answer.status !== 304 || req.existingDeviceId() !== null;
  if ((page.state === 'list' || page.state === 'not_released') && req.header('x-qrhop-refresh') !== '1' && countable) {
    recordThrough(deps, req, view, 'view', null, view.model.codeSessionId);
  }
  return answer;
}
