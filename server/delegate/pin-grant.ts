import { constantTimeEqual } from '../auth/password';
import type { DelegateRequest } from './delegate-request';
import { pagePath } from './delegate-url';
import type { PageModel } from './page-model';

/** How long a right PIN keeps a device in: a two-day conference needs it once a day at most. */
export const GRANT_MAX_AGE_S = 24 * 3600;

const enc = new TextEncoder();
export const NO_GRANTS: ReadonlySet<string> = new Set();
const cookieName = (sessionId: string) => `qrhop_pin_${sessionId}`;

/**
 * The grant a device gets after a right PIN: an HMAC over the code's token, the
 * session and the device id, keyed by the server secret and the session's PIN hash.
 * So it is valid for that code only (a rotated code asks again), on that device only,
 * and stops working as soon as the organizer changes or removes the PIN. Nothing to
 * store server-side, and it works the same on Workers.
 */
export async function grantValue(secret: string | undefined, pinHash: string, token: string, sessionId: string, deviceId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(`${secret ?? ''}\u0000${pinHash}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`pin-grant\u0000${token}\u0000${sessionId}\u0000${deviceId}`)));
  return btoa(String.fromCharCode(...mac.subarray(0, 24))).replace(/\+/g, '-').replace(/\//g, '_');
}

/** Sets the grant cookie, scoped to this code's URLs (its page and its documents). */
export async function writeGrant(req: DelegateRequest, secret: string | undefined, pinHash: string, token: string, sessionId: string, deviceId: string) {
  req.setCookie(cookieName(sessionId), await grantValue(secret, pinHash, token, sessionId, deviceId), {
    path: pagePath(token), maxAge: GRANT_MAX_AGE_S, sameSite: 'Lax', httpOnly: true, secure: req.origin.startsWith('https:'),
  });
}

/** The PIN sessions of this page this device holds a valid grant for. */
export async function grantedSessions(req: DelegateRequest, model: PageModel, secret: string | undefined, token: string): Promise<ReadonlySet<string>> {
  let granted: Set<string> | undefined;
  const deviceId = req.existingDeviceId();
  for (const s of model.sessions) {
    if (!s.pinHash) continue;
    const presented = req.cookie(cookieName(s.id));
    if (!presented || !deviceId) continue;
    const expected = await grantValue(secret, s.pinHash, token, s.id, deviceId);
    // Constant time: a grant is a secret the cookie presents.
    if (constantTimeEqual(enc.encode(presented), enc.encode(expected))) (granted ??= new Set()).add(s.id);
  }
  return granted ?? NO_GRANTS;
}
