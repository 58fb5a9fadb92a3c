import type { AppDeps } from '../app-env';
import type { DelegateRequest } from './delegate-request';
import type { AccessEventInput } from '../ports/access-recorder';
import { isPrefetch } from './client-info';

export type DelegateAccess = Pick<AccessEventInput, 'kind' | 'meetingId' | 'sessionId' | 'codeId' | 'label' | 'documentId'>;

/**
 * Records a page view or a document open, without delaying the response (the
 * recorder batches; on Workers the write goes to waitUntil). Not recorded at all:
 * HEAD requests and browser prefetch/prerender (nobody looked). Link previewers and
 * crawlers are recorded flagged as bots, and every figure leaves them out. Only the
 * browser and OS families are kept — never the user agent, never the address.
 */
export function recordDelegateAccess(deps: Pick<AppDeps, 'recorder' | 'now'>, req: DelegateRequest, access: DelegateAccess): void {
  if (req.method !== 'GET' || isPrefetch(req.headers)) return;
  const client = req.client();
  const pending = deps.recorder.record({ at: new Date(deps.now()), ...access, deviceId: req.deviceId(), browser: client.browser, os: client.os, isBot: client.isBot });
  if (!pending) return;
  const guarded = pending.catch((error) => console.error('access log: write failed', error));
  req.waitUntil?.(guarded); // Workers: keep the isolate alive until the write is done
}
