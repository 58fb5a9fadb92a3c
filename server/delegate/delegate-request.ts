import { generateCookie } from 'hono/cookie';
import type { DelegateLang } from '../../shared/i18n/delegate';
import { classifyClient, type ClientInfo } from './client-info';
import { newSecret } from '../ids';
import { DEVICE_ID_SHAPE } from './delegate-url';

const DEVICE_COOKIE = 'qrhop_d';
const LANG_COOKIE = 'qrhop_lang';
const YEAR = 365 * 24 * 3600;

/** Request headers by lower-case name: a fetch `Headers`, or Node's incoming headers behind a getter. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

/**
 * A delegate request as the delegate code reads it, whatever runtime it came from:
 * the Hono routes (Workers, tests) and the Node entry's direct lane build one each, so
 * both answer from the same decisions. Cookies to set collect in `setCookies`.
 */
export class DelegateRequest {
  readonly setCookies: string[] = [];
  /** The client's network address, when the runtime knows it: used in memory only (cookieless bursts), never stored. */
  address: string | undefined;
  private params: URLSearchParams | undefined;
  private issuedDevice: string | undefined;
  private originValue: string | undefined;
  private langValue: DelegateLang | undefined;
  private clientValue: Readonly<ClientInfo> | undefined;

  constructor(
    readonly method: string,
    /** The query string with its '?', or ''. */
    private readonly search: string,
    readonly headers: HeaderSource,
    /** The origin the request came to, or how to work it out when first needed. */
    private readonly originOf: string | (() => string),
    /** Keeps a write going after the answer (Workers' waitUntil); absent on Node. */
    readonly waitUntil?: (work: Promise<unknown>) => void,
  ) {}

  header(name: string): string | undefined {
    return this.headers.get(name) ?? undefined;
  }

  /** The browser and OS families behind the user agent (once per request: the page variant and the access log both ask). */
  client(): Readonly<ClientInfo> {
    return (this.clientValue ??= classifyClient(this.header('user-agent')));
  }

  query(name: string): string | undefined {
    if (!this.search) return undefined;
    this.params ??= new URLSearchParams(this.search);
    return this.params.get(name) ?? undefined;
  }

  cookie(name: string): string | undefined {
    const header = this.headers.get('cookie');
    return header ? cookieValue(header, name) : undefined;
  }

  /** The origin the request came to, e.g. `http://192.168.1.20:3000`. */
  get origin(): string {
    return (this.originValue ??= typeof this.originOf === 'string' ? this.originOf : this.originOf());
  }

  /** Sets a cookie; over TLS (an https origin) always Secure. */
  setCookie(name: string, value: string, options: Parameters<typeof generateCookie>[2]) {
    this.setCookies.push(generateCookie(name, value, this.origin.startsWith('https:') ? { ...options, secure: true } : options));
  }

  /** The device id the browser sent, if any (never creates one). */
  existingDeviceId(): string | null {
    const existing = this.cookie(DEVICE_COOKIE);
    return existing && DEVICE_ID_SHAPE.test(existing) ? existing : null;
  }

  /**
   * A random first-party device id, so one hall Wi-Fi address still counts each
   * phone (the IP is never stored). Set on first sight, kept for a year.
   */
  deviceId(): string {
    const existing = this.existingDeviceId() ?? this.issuedDevice;
    if (existing) return existing;
    const id = (this.issuedDevice = newSecret()); // one id per request, however many parts of it ask
    this.setCookie(DEVICE_COOKIE, id, { path: '/s', maxAge: YEAR, sameSite: 'Lax', httpOnly: true, secure: this.origin.startsWith('https:') });
    return id;
  }

  /**
   * Takes a device id carried by a signed link (see leave-grant.ts) when this browser has
   * none yet: the phone's second browser is then counted as the same device.
   */
  adoptDeviceId(id: string): void {
    if (this.existingDeviceId() || this.issuedDevice || !DEVICE_ID_SHAPE.test(id)) return;
    this.issuedDevice = id;
    this.setCookie(DEVICE_COOKIE, id, { path: '/s', maxAge: YEAR, sameSite: 'Lax', httpOnly: true, secure: this.origin.startsWith('https:') });
  }

  /** Language: explicit toggle (?lang=) remembered in a cookie, else Accept-Language, else Vietnamese. */
  lang(): DelegateLang {
    return (this.langValue ??= this.chooseLang());
  }

  private chooseLang(): DelegateLang {
    const asked = this.query('lang');
    if (asked === 'vi' || asked === 'en') {
      this.setCookie(LANG_COOKIE, asked, { path: '/s', maxAge: YEAR, sameSite: 'Lax', httpOnly: true });
      return asked;
    }
    const saved = this.cookie(LANG_COOKIE);
    if (saved === 'vi' || saved === 'en') return saved;
    const first = (this.header('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
    return first.startsWith('en') ? 'en' : 'vi';
  }
}

/**
 * One cookie's value from a Cookie header (quotes removed, %-escapes decoded), or
 * undefined. Every page view reads two or three cookies; looking each one up in place
 * costs a fraction of parsing the whole header into an object (about 1.4 µs a view).
 */
export function cookieValue(header: string, name: string): string | undefined {
  const wanted = name + '=';
  for (let at = header.indexOf(wanted); at !== -1; at = header.indexOf(wanted, at + 1)) {
    const before = at === 0 ? ';' : header[at - 1];
    if (before !== ';' && before !== ' ' && before !== '\t') continue; // the end of a longer name
    const end = header.indexOf(';', at);
    let value = header.slice(at + wanted.length, end === -1 ? undefined : end).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!value.includes('%')) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
