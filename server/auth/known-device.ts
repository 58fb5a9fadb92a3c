import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { newSecret } from '../ids';
import { constantTimeEqual } from './password';
import { isSecureRequest } from '../http/secure-request';

const NAME = 'qrhop_known';
const YEAR_S = 365 * 24 * 3600;
const enc = new TextEncoder();

async function macOf(secret: string | undefined, userId: string, nonce: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(`${secret ?? ''}\u0000known-device`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`${userId}\u0000${nonce}`)));
  return btoa(String.fromCharCode(...mac.subarray(0, 24))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The known-device id this browser proves for `userId`, or null. The cookie is a random id
 * and an HMAC over it and the account (server secret): set only after a right password, it
 * cannot be made up, and it is good for that account only.
 */
export async function knownDeviceOf(c: Context, secret: string | undefined, userId: string | undefined): Promise<string | null> {
  const value = getCookie(c, NAME);
  if (!value || !userId || value.length > 200) return null;
  const [nonce, mac] = value.split('.');
  if (!nonce || !mac) return null;
  return constantTimeEqual(enc.encode(mac), enc.encode(await macOf(secret, userId, nonce))) ? nonce : null;
}

/** Marks this browser as one the account logged in from (kept a year; sent to the login route only). */
export async function rememberDevice(c: Context, secret: string | undefined, userId: string, existing: string | null): Promise<void> {
  const nonce = existing ?? newSecret();
  setCookie(c, NAME, `${nonce}.${await macOf(secret, userId, nonce)}`, {
    httpOnly: true, sameSite: 'Strict', path: '/api/auth', maxAge: YEAR_S, secure: isSecureRequest(c),
  });
}
