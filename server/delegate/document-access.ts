import type { DelegateLang } from '../../shared/i18n/delegate';
import type { AppDeps } from '../app-env';
import { htmlAnswer, type Answer } from './answer';
import { notFoundAnswer } from './answer-page';
import type { DelegateRequest } from './delegate-request';
import { readLeaveGrant } from './leave-grant';
import { loadCodeView, type CodeView } from './load-code-view';
import { pageListsDocument } from './page-model';
import { grantedSessions } from './pin-grant';
import { renderClosedPage, renderPinPage } from './render-state-page';
import type { ServedVersion } from './serve-document';
import { windowRefusal } from './viewing-window';

/**
 * The gate every file under a code passes (documents, the reader and its files, the book):
 * the code exists, its meeting is not archived (410), and now is inside its viewing window
 * (before it, the page's "not yet" with 403; after it, 410). One function, so no route can
 * serve a file the page would refuse.
 */
export async function openCode(deps: AppDeps, token: string, lang: DelegateLang): Promise<{ ok: true; view: CodeView } | { ok: false; answer: Answer }> {
  const view = await loadCodeView(deps, token);
  if (!view) return { ok: false, answer: notFoundAnswer(lang, token) };
  if (view.model.state === 'closed') return { ok: false, answer: htmlAnswer(410, 'closed', renderClosedPage(view.model, token, lang)) };
  const outside = windowRefusal(view.model, token, lang, deps.now());
  if (outside) return { ok: false, answer: htmlAnswer(outside.status === 410 ? 410 : 403, outside.state, outside.html) };
  return { ok: true, view };
}

export type DocumentAccess =
  | { ok: true; view: CodeView; version: ServedVersion; granted: ReadonlySet<string> }
  | { ok: false; answer: Answer };

/**
 * Whether this request may have this document through this code, by the list page's own
 * rules (code valid, not rotated or revoked, meeting published, document released and not
 * confidential, PIN grant where the session has a PIN). The original, the reader and every
 * rendition file ask here, so they can never disagree with the list.
 */
export async function documentAccess(deps: AppDeps, req: DelegateRequest, token: string, documentId: string): Promise<DocumentAccess> {
  const lang = req.lang();
  const gate = await openCode(deps, token, lang);
  if (!gate.ok) return gate;
  const { view } = gate;
  const version = view.versions.get(documentId);
  if (!version) return { ok: false, answer: notFoundAnswer(lang, token) };
  let granted = await grantedSessions(req, view.model, deps.settings.secret, token);
  if (!pageListsDocument(view.model, documentId, granted)) {
    // A link from the reader to another browser carries a short-lived grant for this one document.
    const leave = await readLeaveGrant(req, view.model, deps.settings.secret, token, documentId, deps.now());
    if (leave) granted = new Set([...granted, leave]);
  }
  if (!pageListsDocument(view.model, documentId, granted)) {
    // Listed only in PIN sessions this device has no grant for: ask for the PIN right here.
    const locked = view.model.sessions.find((s) => s.pinHash && s.documents.some((d) => d.id === documentId));
    if (locked) return { ok: false, answer: htmlAnswer(403, 'pin', renderPinPage(view.model, token, lang, locked.id)) };
    return { ok: false, answer: notFoundAnswer(lang, token) };
  }
  return { ok: true, view, version, granted };
}
