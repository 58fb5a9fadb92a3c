import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import type { AccessEventInput } from './access-recorder';
import { classifyClient, isPrefetch } from './client-info';

export type DelegateAccess = Pick<AccessEventInput, 'kind' | 'meetingId' | 'sessionId' | 'codeId' | 'label' | 'documentId'>;

/**
 * Records a page view or a document open, without delaying the response (the
 * recorder batches; on Workers the write goes to waitUntil). Not recorded at all:
 * HEAD requests and browser prefetch/prerender (nobody looked). Link previewers and
 * crawlers are recorded flagged as bots, and every figure leaves them out. Only the
 * browser and OS families are kept — never the user agent, never the address.
 */
export function recordDelegateAccess(c: Context<AppEnv>, access: DelegateAccess, deviceId: () => string): void {
  if (c.req.method !== 'GET' || isPrefetch(c.req.raw.headers)) return;
  const client = classifyClient(c.req.header('user-agent'));
  const { recorder, now } = c.var.deps;
  const pending = recorder.record({ at: new Date(now()), ...access, deviceId: deviceId(), browser: client.browser, os: client.os, isBot: client.isBot });
  if (!pending) return;
  const guarded = pending.catch((error) => console.error('access log: write failed', error));
  try {
    c.executionCtx.waitUntil(guarded); // Workers: keep the isolate alive until the write is done
  } catch {
    // Node has no execution context: the promise runs on its own.
  }
}
