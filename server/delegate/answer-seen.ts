import type { AppDeps } from '../app-env';
import type { Answer } from './answer';
import type { DelegateRequest } from './delegate-request';
import { loadCodeView } from './load-code-view';
import { previousVisitEnd } from './previous-visit';
import { windowRefusal } from './viewing-window';

// Per device, never stored by a browser or a proxy: the shared page stays cacheable because this is not in it.
const SEEN_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' };
const json = (status: number, since: number | null): Answer => ({ status, headers: SEEN_HEADERS, body: JSON.stringify({ since }) });

/**
 * GET /s/:token/seen — `{"since": ms | null}`: when this device's previous visit to the
 * meeting ended. The cached page is the same for every device and carries, per document,
 * when it (data-f) and its current version (data-u) first showed; the page's script asks
 * here once per load and shows "Mới" / "Đã cập nhật" (and the change note) only where
 * those times are later than this device's previous visit. A device without the device
 * cookie (a first visit) gets null: no badges. Not recorded as a view.
 */
export async function answerSeen(deps: AppDeps, req: DelegateRequest, token: string): Promise<Answer> {
  const view = await loadCodeView(deps, token);
  if (!view) return json(404, null);
  const now = deps.now();
  // Like every route under the code: nothing outside the window (the page says why).
  const outside = view.model.state === 'list' ? windowRefusal(view.model, token, req.lang(), now) : null;
  if (view.model.state !== 'list' || outside) return json(outside?.status === 410 || view.model.state === 'closed' ? 410 : 403, null);
  // Only this cookie's own visits: the id is a 192-bit random secret only this phone holds (HttpOnly).
  const deviceId = req.existingDeviceId();
  if (!deviceId) return json(200, null);
  const since = deps.visits ? await deps.visits.previousVisitEnd(view.meetingId, deviceId, now) : await previousVisitEnd(deps.db, view.meetingId, deviceId, now);
  return json(200, since);
}
