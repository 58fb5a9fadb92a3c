import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { DelegateLang } from '../../shared/i18n/delegate';
import { newSecret } from '../ids';

const DEVICE_COOKIE = 'qrhop_d';
const LANG_COOKIE = 'qrhop_lang';
const YEAR = 365 * 24 * 3600;

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

/**
 * A random first-party device id, so one hall Wi-Fi address still counts each
 * phone (the IP is never stored). Returns the id and whether it is new.
 */
export function deviceIdOf(c: Context): string {
  const existing = getCookie(c, DEVICE_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
  const id = newSecret();
  setCookie(c, DEVICE_COOKIE, id, { path: '/s', maxAge: YEAR, sameSite: 'Lax', httpOnly: true, secure: new URL(c.req.url).protocol === 'https:' });
  return id;
}
