import { describe, expect, it } from 'vitest';
import { encodedAnswer, htmlAnswer, PAGE_HEADERS, toResponse, type Encoded } from './answer';

describe('answers', () => {
  it('pages revalidate every time and vary by encoding, language and cookies', () => {
    expect(PAGE_HEADERS).toEqual({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-cache', Vary: 'Accept-Encoding, Accept-Language, Cookie' });
  });

  it('a one-off page is never stored, and says its state', () => {
    expect(htmlAnswer(503, 'storage_down', '<p>x</p>', { 'Retry-After': '30' })).toEqual({
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding, Accept-Language, Cookie', 'X-Page-State': 'storage_down', 'Retry-After': '30' },
      body: '<p>x</p>',
    });
    expect(htmlAnswer(404, 'not_found', '').headers).toEqual({ ...PAGE_HEADERS, 'Cache-Control': 'no-store', 'X-Page-State': 'not_found' });
  });

  it('takes the best encoding the client accepts among those made, and makes each answer once', () => {
    const html = new Uint8Array([1]);
    const gzip = new Uint8Array([2]);
    const br = new Uint8Array([3]);
    const headers = { ETag: '"e"' };
    const ready: Encoded = { html, gzip, br };
    const best = encodedAnswer(ready, 200, headers, 'gzip, deflate, br');
    expect(best).toEqual({ status: 200, headers: { ETag: '"e"', 'Content-Encoding': 'br' }, body: br });
    expect(encodedAnswer(ready, 200, headers, 'gzip, deflate, br')).toBe(best);
    expect(encodedAnswer(ready, 200, headers, 'gzip')).toEqual({ status: 200, headers: { ETag: '"e"', 'Content-Encoding': 'gzip' }, body: gzip });
    const plain = encodedAnswer(ready, 200, headers, undefined);
    expect(plain).toEqual({ status: 200, headers, body: html });
    expect(plain.headers).toBe(headers);
    expect(encodedAnswer(ready, 200, headers, 'xbr, gzipx')).toBe(plain);
    expect(encodedAnswer(ready, 200, headers, 'deflate')).toBe(plain);
    // Encodings not made are not offered, whatever the client takes.
    expect(encodedAnswer({ html, gzip }, 200, headers, 'br, gzip').body).toBe(gzip);
    expect(encodedAnswer({ html, br }, 200, headers, 'gzip').body).toBe(html);
    expect(encodedAnswer({ html }, 404, headers, 'br, gzip')).toEqual({ status: 404, headers, body: html });
  });

  it('becomes a Response with the request’s cookies', async () => {
    const res = toResponse({ status: 201, headers: { 'X-Page-State': 'list' }, body: 'hello' }, ['a=1; Path=/s', 'b=2; Path=/s']);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-page-state')).toBe('list');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/s', 'b=2; Path=/s']);
    expect(await res.text()).toBe('hello');
    const empty = toResponse({ status: 304, headers: {}, body: null }, []);
    expect(empty.status).toBe(304);
    expect(empty.headers.getSetCookie()).toEqual([]);
    // Already-compressed bytes go out as they are.
    const gz = new Uint8Array(await new Response(new Blob(['page']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const compressed = toResponse({ status: 200, headers: { 'Content-Encoding': 'gzip' }, body: gz }, []);
    expect(new Uint8Array(await compressed.arrayBuffer())).toEqual(gz);
  });
});
