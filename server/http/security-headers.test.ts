import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders, securityHeadersFor } from './security-headers';

const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

describe('securityHeadersFor', () => {
  it('gives every answer nosniff, no-referrer, DENY framing and the default CSP', () => {
    expect(securityHeadersFor('/api/me', () => false)).toEqual([
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'no-referrer'],
      ['X-Frame-Options', 'DENY'],
      ['Content-Security-Policy', CSP],
    ]);
  });

  it('keeps a framing rule or a CSP the answer set itself, and keeps codes out of search engines', () => {
    const own = new Set(['x-frame-options', 'content-security-policy']);
    expect(securityHeadersFor('/s/abcdefghijklmnopqrstuv', (name) => own.has(name))).toEqual([
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'no-referrer'],
      ['X-Robots-Tag', 'noindex, nofollow'],
    ]);
    expect(securityHeadersFor('/x', (name) => name === 'x-frame-options').map(([n]) => n)).toEqual(['X-Content-Type-Options', 'Referrer-Policy', 'Content-Security-Policy']);
    expect(securityHeadersFor('/x', (name) => name === 'content-security-policy').map(([n]) => n)).toEqual(['X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options']);
    // Only the delegate URLs: /s/ as a prefix, not a word inside a path.
    expect(securityHeadersFor('/api/s/x', () => false).map(([n]) => n)).not.toContain('X-Robots-Tag');
  });
});

describe('securityHeaders middleware', () => {
  it('sets the headers after the route ran, leaving the route’s own CSP and frame rule', async () => {
    const app = new Hono();
    app.use(securityHeaders);
    app.get('/plain', (c) => c.text('ok'));
    app.get('/s/own', (c) => c.text('ok', 200, { 'Content-Security-Policy': "sandbox; default-src 'none'", 'X-Frame-Options': 'SAMEORIGIN' }));
    const plain = await app.request('/plain');
    expect(plain.headers.get('content-security-policy')).toBe(CSP);
    expect(plain.headers.get('x-frame-options')).toBe('DENY');
    expect(plain.headers.get('x-robots-tag')).toBeNull();
    const own = await app.request('/s/own');
    expect(own.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(own.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(own.headers.get('referrer-policy')).toBe('no-referrer');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
