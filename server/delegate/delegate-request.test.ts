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
