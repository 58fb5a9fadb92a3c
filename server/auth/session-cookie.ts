import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isSecureRequest } from '../http/secure-request';
import { ABSOLUTE_TIMEOUT_MS } from './login-sessions';

const NAME = 'qrhop_session';

export const readSessionCookie = (c: Context) => getCookie(c, NAME) ?? '';

export function writeSessionCookie(c: Context, token: string) {
  setCookie(c, NAME, token, {
    httpOnly: true, // never readable by scripts
    sameSite: 'Lax', // not sent on cross-site subrequests; CSRF checks cover the rest
    secure: isSecureRequest(c),
    path: '/',
    maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
  });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, NAME, { path: '/', secure: isSecureRequest(c) });
