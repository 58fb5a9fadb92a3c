import fc from 'fast-check';
import { parse } from 'hono/utils/cookie';
import { describe, expect, it } from 'vitest';
import { cookieValue, DelegateRequest } from './delegate-request';

describe('cookieValue', () => {
  it('reads the cookies Hono’s full parser reads, first one winning', () => {
    const name = fc.constantFrom('qrhop_d', 'qrhop_lang', 'qrhop_pin_abc', 'd', 'xqrhop_d', 'qrhop_d2', '_ga');
    // Values as servers set them: URL-encoded text (accents and all).
    const value = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{0,24}$/), fc.string({ maxLength: 8, unit: 'grapheme' }).map(encodeURIComponent));
    const pair = fc.tuple(name, value, fc.boolean()).map(([n, v, quoted]) => `${n}=${quoted ? `"${v}"` : v}`);
    fc.assert(fc.property(fc.array(pair, { maxLength: 6 }), fc.constantFrom('; ', ';', ' ;  '), name, (pairs, sep, wanted) => {
      const header = pairs.join(sep);
      expect(cookieValue(header, wanted)).toBe(parse(header)[wanted]);
    }), { numRuns: 2000 });
  });

  it('never takes the end of a longer name', () => {
    expect(cookieValue('xqrhop_d=evil; qrhop_d=good', 'qrhop_d')).toBe('good');
    expect(cookieValue('a=qrhop_d=evil', 'qrhop_d')).toBeUndefined();
    expect(cookieValue('qrhop_lang=en', 'qrhop_d')).toBeUndefined();
  });
});

describe('DelegateRequest', () => {
  const request = (headers: Record<string, string>, search = '') => new DelegateRequest('GET', search, new Headers(headers), 'https://qr.example.vn');

  it('chooses the language from ?lang (remembered), the cookie, then Accept-Language, else Vietnamese', () => {
    const asked = request({ 'accept-language': 'vi' }, '?lang=en');
    expect(asked.lang()).toBe('en');
    expect(asked.lang()).toBe('en');
    expect(asked.setCookies).toHaveLength(1); // asked twice, remembered once
    expect(asked.setCookies[0]).toMatch(/^qrhop_lang=en; Max-Age=31536000; Path=\/s; HttpOnly; Secure; SameSite=Lax$/);
    expect(request({ cookie: 'qrhop_lang=en', 'accept-language': 'vi' }).lang()).toBe('en');
    expect(request({ 'accept-language': 'en-US,en;q=0.9' }).lang()).toBe('en');
    expect(request({}).lang()).toBe('vi');
  });

  it('issues one device id per request, Secure over https, and keeps a well-formed one', () => {
    const fresh = request({});
    const id = fresh.deviceId();
    expect(fresh.deviceId()).toBe(id);
    expect(fresh.setCookies).toEqual([expect.stringMatching(new RegExp(`^qrhop_d=${id}; Max-Age=31536000; Path=/s; HttpOnly; Secure; SameSite=Lax$`))]);
    expect(request({ cookie: 'qrhop_d=AAAAAAAAAAAAAAAAAAAAAAAA' }).deviceId()).toBe('AAAAAAAAAAAAAAAAAAAAAAAA');
    const forged = request({ cookie: 'qrhop_d=<script>' });
    expect(forged.deviceId()).not.toBe('<script>');
  });
});

describe('cookieValue edge cases', () => {
  it('takes a name at the start, after a semicolon, a space or a tab, and only there', () => {
    expect(cookieValue('qrhop_d=a', 'qrhop_d')).toBe('a');
    expect(cookieValue('x=1;qrhop_d=b', 'qrhop_d')).toBe('b');
    expect(cookieValue('x=1;\tqrhop_d=c', 'qrhop_d')).toBe('c');
    expect(cookieValue('x=1, qrhop_d=d', 'qrhop_d')).toBe('d');
    expect(cookieValue('x=1,qrhop_d=e', 'qrhop_d')).toBeUndefined();
    expect(cookieValue('qrhop_d=f; x=1', 'qrhop_d')).toBe('f');
  });

  it('unquotes a quoted value, leaves a lone quote, decodes %-escapes and keeps a bad escape as sent', () => {
    expect(cookieValue('a="v w"; b=1', 'a')).toBe('v w');
    expect(cookieValue('a="', 'a')).toBe('"');
    expect(cookieValue('a="x', 'a')).toBe('"x');
    expect(cookieValue('a=x"', 'a')).toBe('x"');
    expect(cookieValue('a=""', 'a')).toBe('');
    expect(cookieValue('a=%C4%90%20x', 'a')).toBe('Đ x');
    expect(cookieValue('a=100%', 'a')).toBe('100%');
    expect(cookieValue('a=%E0%A4%A', 'a')).toBe('%E0%A4%A');
  });
});

describe('DelegateRequest parts', () => {
  it('reads headers by name, the query, and each cookie', () => {
    const req = new DelegateRequest('HEAD', '?download=1&lang=vi', new Headers({ range: 'bytes=0-9', cookie: 'a=1; b=2' }), 'http://x');
    expect(req.method).toBe('HEAD');
    expect(req.header('range')).toBe('bytes=0-9');
    expect(req.header('if-none-match')).toBeUndefined();
    expect(req.query('download')).toBe('1');
    expect(req.query('missing')).toBeUndefined();
    expect(new DelegateRequest('GET', '', new Headers(), 'http://x').query('download')).toBeUndefined();
    expect(req.cookie('b')).toBe('2');
    expect(req.cookie('c')).toBeUndefined();
    expect(new DelegateRequest('GET', '', new Headers(), 'http://x').cookie('a')).toBeUndefined();
  });

  it('works out the origin once, when first needed', () => {
    let calls = 0;
    const req = new DelegateRequest('GET', '', new Headers(), () => (calls++, 'https://late.example'));
    expect(calls).toBe(0);
    expect(req.origin).toBe('https://late.example');
    expect(req.origin).toBe('https://late.example');
    expect(calls).toBe(1);
  });

  it('classifies the client once', () => {
    const req = new DelegateRequest('GET', '', new Headers({ 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Zalo/1.0' }), 'http://x');
    expect(req.client()).toBe(req.client());
    expect(req.client().os).toBe('Android');
  });

  it('makes cookies Secure over https only', () => {
    const plain = new DelegateRequest('GET', '', new Headers(), 'http://192.168.1.20:3000');
    plain.setCookie('a', 'b', { path: '/s' });
    plain.deviceId();
    expect(plain.setCookies[0]).toBe('a=b; Path=/s');
    expect(plain.setCookies[1]).toMatch(/^qrhop_d=[A-Za-z0-9_-]{32}; Max-Age=31536000; Path=\/s; HttpOnly; SameSite=Lax$/);
    const tls = new DelegateRequest('GET', '', new Headers(), 'https://qr.example.vn');
    tls.setCookie('a', 'b', { path: '/s' });
    expect(tls.setCookies[0]).toBe('a=b; Path=/s; Secure');
  });

  it('existingDeviceId never makes one, and takes only well-formed ids', () => {
    const none = new DelegateRequest('GET', '', new Headers(), 'http://x');
    expect(none.existingDeviceId()).toBeNull();
    expect(none.setCookies).toEqual([]);
    expect(new DelegateRequest('GET', '', new Headers({ cookie: 'qrhop_d=short' }), 'http://x').existingDeviceId()).toBeNull();
    expect(new DelegateRequest('GET', '', new Headers({ cookie: `qrhop_d=${'a'.repeat(16)}` }), 'http://x').existingDeviceId()).toBe('a'.repeat(16));
  });

  it('adopts a signed device id only when the browser has none yet', () => {
    const fresh = new DelegateRequest('GET', '', new Headers(), 'https://qr.example.vn');
    fresh.adoptDeviceId('b'.repeat(32));
    expect(fresh.deviceId()).toBe('b'.repeat(32));
    expect(fresh.setCookies).toEqual([`qrhop_d=${'b'.repeat(32)}; Max-Age=31536000; Path=/s; HttpOnly; Secure; SameSite=Lax`]);
    const plain = new DelegateRequest('GET', '', new Headers(), 'http://x');
    plain.adoptDeviceId('b'.repeat(32));
    expect(plain.setCookies).toEqual([`qrhop_d=${'b'.repeat(32)}; Max-Age=31536000; Path=/s; HttpOnly; SameSite=Lax`]);
    const has = new DelegateRequest('GET', '', new Headers({ cookie: `qrhop_d=${'a'.repeat(32)}` }), 'http://x');
    has.adoptDeviceId('b'.repeat(32));
    expect(has.deviceId()).toBe('a'.repeat(32));
    expect(has.setCookies).toEqual([]);
    const issued = new DelegateRequest('GET', '', new Headers(), 'http://x');
    const id = issued.deviceId();
    issued.adoptDeviceId('b'.repeat(32));
    expect(issued.deviceId()).toBe(id);
    expect(issued.setCookies).toHaveLength(1);
    const bad = new DelegateRequest('GET', '', new Headers(), 'http://x');
    bad.adoptDeviceId('not an id');
    expect(bad.setCookies).toEqual([]);
    expect(bad.existingDeviceId()).toBeNull();
  });

  it('language: ?lang=vi is remembered too, a bad ?lang or cookie falls through, Accept-Language by its first entry', () => {
    const lang = (headers: Record<string, string>, search = '') => {
      const req = new DelegateRequest('GET', search, new Headers(headers), 'http://x');
      return [req.lang(), req.setCookies.length];
    };
    expect(lang({ cookie: 'qrhop_lang=en' }, '?lang=vi')).toEqual(['vi', 1]);
    expect(lang({ 'accept-language': 'en' }, '?lang=fr')).toEqual(['en', 0]);
    expect(lang({ cookie: 'qrhop_lang=vi', 'accept-language': 'en' })).toEqual(['vi', 0]);
    expect(lang({ cookie: 'qrhop_lang=fr', 'accept-language': 'en' })).toEqual(['en', 0]);
    expect(lang({ 'accept-language': ' EN-gb ,vi' })).toEqual(['en', 0]);
    expect(lang({ 'accept-language': 'vi-VN,en;q=0.8' })).toEqual(['vi', 0]);
    expect(lang({ 'accept-language': 'fr' })).toEqual(['vi', 0]);
    expect(lang({ 'accept-language': '' })).toEqual(['vi', 0]);
  });
});
