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
export function recordDelegateAccess(deps: Pick<AppDeps, 'recorder' | 'now' | 'cookieless'>, req: DelegateRequest, access: DelegateAccess): void {
  if (req.method !== 'GET' || isPrefetch(req.headers)) return;
  const client = req.client();
  const at = new Date(deps.now());
  const deviceId = req.deviceId();
  const write = (recorded: string) => deps.recorder.record({ at, ...access, deviceId: recorded, browser: client.browser, os: client.os, isBot: client.isBot });
  let pending: void | Promise<void>;
  // No device cookie came with it: a burst of these from one address is one device (counting integrity).
  if (deps.cookieless && req.address && !req.existingDeviceId()) {
    const visit = deps.cookieless.visit(req.address, req.header('user-agent') ?? '', `${access.kind}|${access.documentId ?? access.codeId}`, deviceId, at.getTime());
    if (visit instanceof Promise) pending = visit.then((v) => (v.repeat ? undefined : write(v.deviceId)));
    else if (visit.repeat) return;
    else pending = write(visit.deviceId);
  } else {
    pending = write(deviceId);
  }
  if (!pending) return;
  const guarded = pending.catch((error) => console.error('access log: write failed', error));
  req.waitUntil?.(guarded); // Workers: keep the isolate alive until the write is done
}
