import type { AppDeps } from '../app-env';
import type { DelegateRequest } from './delegate-request';
import type { AccessEventInput } from '../ports/access-recorder';
import { isPrefetch } from './client-info';

export type DelegateAccess = Pick<AccessEventInput, 'kind' | 'meetingId' | 'sessionId' | 'codeId' | 'label' | 'documentId' | 'page'>;

/**
 * Records a page view or a document open, without delaying the response (the
 * recorder batches; on Workers the write goes to waitUntil). Not recorded at all:
 * HEAD requests and browser prefetch/prerender (nobody looked). Link previewers and
 * crawlers are recorded flagged as bots, and every figure leaves them out. Only the
 * browser and OS families are kept — never the user agent, never the address.
 */
export function recordDelegateAccess(deps: Pick<AppDeps, 'recorder' | 'now' | 'cookieless'>, req: DelegateRequest, access: DelegateAccess): void {
  if (req.method !== 'GET' || isPrefetch(req.headers)) return;
  const at = deps.now();
  let deviceId = req.deviceId();
  // No device cookie came with it: a burst of these from one address is one device (counting integrity).
  if (deps.cookieless && req.address && !req.existingDeviceId()) {
    const visit = deps.cookieless.visit(req.address, req.header('user-agent') ?? '', `${access.kind}|${access.documentId ?? access.codeId}`, deviceId, at);
    if (visit instanceof Promise) return guard(req, visit.then((v) => (v.repeat ? undefined : writeEvent(deps, req, access, at, v.deviceId))));
    if (visit.repeat) return;
    deviceId = visit.deviceId;
  }
  const pending = writeEvent(deps, req, access, at, deviceId);
  if (pending) guard(req, pending);
}

// Module-level, not a closure per request: this runs for every page view (see the lane's notes).
function writeEvent(deps: Pick<AppDeps, 'recorder'>, req: DelegateRequest, access: DelegateAccess, at: number, deviceId: string): void | Promise<void> {
  const client = req.client();
  return deps.recorder.record({ at: new Date(at), ...access, deviceId, browser: client.browser, os: client.os, isBot: client.isBot });
}

function guard(req: DelegateRequest, pending: Promise<void>): void {
  const guarded = pending.catch((error) => console.error('access log: write failed', error));
  req.waitUntil?.(guarded); // Workers: keep the isolate alive until the write is done
}
