import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { DelegateLang } from '../../shared/i18n/delegate';
import { newSecret } from '../ids';

const DEVICE_COOKIE = 'qrhop_d';
const LANG_COOKIE = 'qrhop_lang';
const YEAR = 365 * 24 * 3600;
const issued = new WeakMap<Request, string>();
const DEVICE_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

/** Language: explicit toggle (?lang=) remembered in a cookie, else Accept-Language, else Vietnamese. */
export function chooseLang(c: Context): DelegateLang {
  const asked = c.req.query('lang');
  if (asked === 'vi' || asked === 'en') {
    setCookie(c, LANG_COOKIE, asked, { path: '/s', maxAge: YEAR, sameSite: 'Lax', httpOnly: true });
    return asked;
  }
  const saved = getCookie(c, LANG_COOKIE);
  if (saved === 'vi' || saved === 'en') return saved;
  const first = (c.req.header('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/** The device id the browser sent, if any (never creates one). */
export function existingDeviceId(c: Context): string | null {
  const existing = getCookie(c, DEVICE_COOKIE);
  return existing && DEVICE_SHAPE.test(existing) ? existing : null;
}

/**
 * A random first-party device id, so one hall Wi-Fi address still counts each
 * phone (the IP is never stored). Set on first sight, kept for a year.
 */
export function deviceIdOf(c: Context): string {
  const existing = existingDeviceId(c) ?? issued.get(c.req.raw);
  if (existing) return existing;
  const id = newSecret();
  issued.set(c.req.raw, id); // one id per request, however many parts of it ask
  setCookie(c, DEVICE_COOKIE, id, { path: '/s', maxAge: YEAR, sameSite: 'Lax', httpOnly: true, secure: new URL(c.req.url).protocol === 'https:' });
  return id;
}
