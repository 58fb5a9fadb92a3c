import { constantTimeEqual } from '../auth/password';
import type { DelegateRequest } from './delegate-request';
import type { PageModel } from './page-model';

/** A link that leaves the in-app browser works this long: enough to open it, too short to pass around. */
export const LEAVE_GRANT_MS = 10 * 60_000;

const enc = new TextEncoder();
const SHAPE = /^([A-Za-z0-9_-]{1,64})\.(\d{1,15})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32})$/;

async function mac(secret: string | undefined, pinHash: string, parts: string[]): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(`${secret ?? ''}\u0000${pinHash}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(['leave-grant', ...parts].join('\u0000'))));
  return btoa(String.fromCharCode(...sig.subarray(0, 24))).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * The `g` parameter of a link that takes one document of a PIN session out of an in-app
 * browser (Zalo) into the phone's browser, which has neither the PIN grant cookie nor the
 * device id. Signed with the server secret and the session's PIN hash over the code, the
 * document, the session, the device and an expiry: good for that document only, for ten
 * minutes, and dead at once when the PIN changes or the code is rotated.
 */
export async function makeLeaveGrant(secret: string | undefined, pinHash: string, token: string, documentId: string, sessionId: string, deviceId: string, now: number): Promise<string> {
  const expires = String(now + LEAVE_GRANT_MS);
  return `${sessionId}.${expires}.${deviceId}.${await mac(secret, pinHash, [token, documentId, sessionId, deviceId, expires])}`;
}

/**
 * The PIN session a valid `g` grants for this document, or null. The other browser then
 * takes the device id the grant carries, so the same phone is not counted twice.
 */
export async function readLeaveGrant(req: DelegateRequest, model: PageModel, secret: string | undefined, token: string, documentId: string, now: number): Promise<string | null> {
  const match = SHAPE.exec(req.query('g') ?? '');
  if (!match) return null;
  const [, sessionId, expires, deviceId, presented] = match as unknown as [string, string, string, string, string];
  if (Number(expires) < now || Number(expires) > now + LEAVE_GRANT_MS) return null;
  const session = model.sessions.find((s) => s.id === sessionId && s.pinHash && s.documents.some((d) => d.id === documentId));
  if (!session?.pinHash) return null;
  const expected = await mac(secret, session.pinHash, [token, documentId, sessionId, deviceId, expires]);
  // Constant time: the grant is a secret the URL presents.
  if (!constantTimeEqual(enc.encode(presented), enc.encode(expected))) return null;
  req.adoptDeviceId(deviceId);
  return session.id;
}
