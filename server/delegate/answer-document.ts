import type { AppDeps } from '../app-env';
import { StorageUnavailableError } from '../storage/object-store';
import type { Answer } from './answer';
import { recordThrough, storageDownAnswer } from './answer-page';
import type { DelegateRequest } from './delegate-request';
import { documentAccess } from './document-access';
import { sessionOfDocument } from './page-model';
import { labelledVersion } from './labelled-version';
import { serveDocument } from './serve-document';

/** GET /s/:token/d/:documentId — a document the page lists, through the code that lists it. */
export async function answerDocument(deps: AppDeps, req: DelegateRequest, token: string, documentId: string): Promise<Answer> {
  const access = await documentAccess(deps, req, token, documentId);
  if (!access.ok) return access.answer;
  const { view, version, granted } = access;
  const range = req.header('range');
  let answer: Answer;
  try {
    answer = await serveDocument(deps.store, await labelledVersion(deps, view, version), {
      download: req.query('download') === '1',
      range,
      ifNoneMatch: req.header('if-none-match'),
      method: req.method,
      redirect: deps.settings.downloadMode === 'redirect',
    });
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageDownAnswer(req.lang(), token);
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
