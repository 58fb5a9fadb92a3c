import type { AppDeps } from '../app-env';
import { StorageUnavailableError } from '../storage/object-store';
import { htmlAnswer, type Answer } from './answer';
import { notFoundAnswer, recordThrough, storageDownAnswer } from './answer-page';
import type { DelegateRequest } from './delegate-request';
import { loadCodeView } from './load-code-view';
import { pageListsDocument, sessionOfDocument } from './page-model';
import { grantedSessions } from './pin-grant';
import { renderClosedPage, renderPinPage } from './render-state-page';
import { serveDocument } from './serve-document';

/** GET /s/:token/d/:documentId — a document the page lists, through the code that lists it. */
export async function answerDocument(deps: AppDeps, req: DelegateRequest, token: string, documentId: string): Promise<Answer> {
  const lang = req.lang();
  const view = await loadCodeView(deps, token);
  if (!view) return notFoundAnswer(lang, token);
  if (view.model.state === 'closed') return htmlAnswer(410, 'closed', renderClosedPage(view.model, token, lang));
  const version = view.versions.get(documentId);
  if (!version) return notFoundAnswer(lang, token);
  const granted = await grantedSessions(req, view.model, deps.settings.secret, token);
  if (!pageListsDocument(view.model, documentId, granted)) {
    // Listed only in PIN sessions this device has no grant for: ask for the PIN right here.
    const locked = view.model.sessions.find((s) => s.pinHash && s.documents.some((d) => d.id === documentId));
    if (locked) return htmlAnswer(403, 'pin', renderPinPage(view.model, token, lang, locked.id));
    return notFoundAnswer(lang, token);
  }
  const range = req.header('range');
  let answer: Answer;
  try {
    answer = await serveDocument(deps.store, version, {
      download: req.query('download') === '1',
      range,
      ifNoneMatch: req.header('if-none-match'),
      method: req.method,
      redirect: deps.settings.downloadMode === 'redirect',
    });
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageDownAnswer(lang, token);
    throw error;
  }
  // A PDF viewer fetches many ranges of one file: only a whole-file fetch or the first range is an "open".
  // A 304 is a revalidation (a viewer or the service worker checking its copy), not an open:
  // counting it let anyone replaying If-None-Match inflate opens and devices.
  const firstRange = !range || /^bytes=0-/.test(range);
  if ((answer.status < 300 && firstRange) || answer.status === 302) {
    recordThrough(deps, req, view, 'open', documentId, sessionOfDocument(view.model, documentId, granted));
  }
  return answer;
}
