import { delegateStrings } from '../../shared/i18n/delegate';
import type { AppDeps } from '../app-env';
import { StorageUnavailableError } from '../storage/object-store';
import { htmlAnswer, type Answer } from './answer';
import { notFoundAnswer, recordThrough, storageDownAnswer } from './answer-page';
import type { DelegateRequest } from './delegate-request';
import { openCode } from './document-access';
import { bookStateFor, MEETING_BOOK } from './page-books';
import { grantedSessions } from './pin-grant';
import { pageHeader, toggleHref } from './render-page';
import { renderMessagePage, renderPinPage } from './render-state-page';
import { labelledVersion } from './labelled-version';
import { serveDocument, type ServedVersion } from './serve-document';

/**
 * GET /s/:token/b — the code's book (its session's, or the whole meeting's for a meeting
 * code); GET /s/:token/b/:sessionId — one session's book through a meeting code (a PIN
 * session's, once the device holds its grant). Served from the store like a document
 * (ETag, Range, 304), recorded as a 'book' open. Never built here: a missing or withdrawn
 * book answers 503 with a page saying it is being made.
 */
export async function answerBook(deps: AppDeps, req: DelegateRequest, token: string, sessionId?: string): Promise<Answer> {
  const lang = req.lang();
  const t = delegateStrings[lang];
  // The same gate as every document under the code: unknown, archived, outside the viewing window.
  const gate = await openCode(deps, token, lang);
  if (!gate.ok) return gate.answer;
  const { view } = gate;
  const { model } = view;
  // A session code reaches its own session's book only.
  if (sessionId && model.codeSessionId && sessionId !== model.codeSessionId) return notFoundAnswer(lang, token);
  const scope = sessionId ?? model.codeSessionId ?? MEETING_BOOK;
  const granted = await grantedSessions(req, model, deps.settings.secret, token);
  const state = bookStateFor(model, scope, granted);
  if (state.kind === 'locked') return htmlAnswer(403, 'pin', renderPinPage(model, token, lang, scope));
  if (state.kind === 'none') return notFoundAnswer(lang, token);
  if (state.kind === 'building') {
    return htmlAnswer(503, 'book_building', renderMessagePage(lang, t.bookBuildingTitle, [t.bookBuilding], toggleHref(token, lang), { header: pageHeader(model) }), { 'Retry-After': '60' });
  }
  const { book } = state;
  const session = scope === MEETING_BOOK ? null : model.sessions.find((s) => s.id === scope);
  const stored: ServedVersion = {
    version: 0, storageKey: book.storageKey, filename: `${session ? t.bookSession : t.bookMeeting} - ${session?.title ?? model.meeting.title}.pdf`,
    contentType: 'application/pdf', size: book.bytes, etag: book.etag, signatureStatus: 'unsigned', // made here: no signature to keep
  };
  const range = req.header('range');
  let answer: Answer;
  try {
    answer = await serveDocument(deps.store, await labelledVersion(deps, view, stored, book.untouchedPages), {
      download: req.query('download') === '1', range, ifNoneMatch: req.header('if-none-match'), method: req.method,
      redirect: deps.settings.downloadMode === 'redirect',
    });
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageDownAnswer(lang, token);
    throw error;
  }
  // Same counting rule as a document: a whole fetch or the first range, not a revalidation.
  if ((answer.status < 300 && (!range || /^bytes=0-/.test(range))) || answer.status === 302) {
    recordThrough(deps, req, view, 'book', null, scope === MEETING_BOOK ? null : scope);
  }
  return answer;
}
