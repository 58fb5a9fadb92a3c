import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition } from '../http/content-disposition';
import { LocalDiskStore } from '../runtime/node/local-disk-store';
import { parseRange, serveDocument } from './serve-document';

describe('parseRange', () => {
  it('reads single ranges, open ends and suffixes', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
  });
  it('answers unsatisfiable ranges and ignores what it cannot serve as one range', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange(undefined, 1000)).toBeNull();
  });
});

describe('parseRange edges', () => {
  it('takes surrounding spaces, refuses a zero suffix, clamps a long suffix, and serves bytes=- whole', () => {
    expect(parseRange(' bytes=0-1 ', 10)).toEqual({ start: 0, end: 1 });
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-50', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=-', 10)).toBeNull();
    expect(parseRange('xbytes=0-1', 10)).toBeNull();
    expect(parseRange('bytes=9-9', 10)).toEqual({ start: 9, end: 9 });
    expect(parseRange('bytes=10-10', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=3-3', 10)).toEqual({ start: 3, end: 3 });
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
  });
});

describe('serveDocument', () => {
  const DOCUMENT_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";
  const version = { version: 1, storageKey: 'docs/a/1', filename: 'Tờ trình.pdf', contentType: 'application/pdf', size: 10, etag: '"abc"' };
  const options = { download: false, range: undefined, ifNoneMatch: undefined, method: 'GET', redirect: false };
  let dir: string;
  let store: LocalDiskStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrhop-serve-'));
    store = await new LocalDiskStore(join(dir, 'objects')).open();
    await store.put('docs/a/1', new Response('0123456789').body!, { contentType: 'application/pdf' });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const text = async (body: unknown) => new Response(body as BodyInit).text();

  it('streams the whole file inline, inert (nosniff, a sandboxing CSP), with its ETag and name', async () => {
    const answer = await serveDocument(store, version, options);
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual({
      'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': DOCUMENT_CSP, 'Cache-Control': 'private, no-cache', 'Accept-Ranges': 'bytes',
      ETag: '"abc"', 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition('inline', 'Tờ trình.pdf'), 'Content-Length': '10',
    });
    expect(await text(answer.body)).toBe('0123456789');
    const download = await serveDocument(store, version, { ...options, download: true });
    expect(download.headers['Content-Disposition']).toBe(contentDisposition('attachment', 'Tờ trình.pdf'));
  });

  it('answers a matching If-None-Match (weak or in a list) with 304 and no body', async () => {
    for (const tag of ['"abc"', 'W/"abc"', '"x", "abc"', '"x",W/"abc"', '"abc", "x"', '"abc","x"']) {
      const answer = await serveDocument(store, version, { ...options, ifNoneMatch: tag });
      expect(answer, tag).toEqual({ status: 304, headers: { ETag: '"abc"', 'Cache-Control': 'private, no-cache' }, body: null });
    }
    expect((await serveDocument(store, version, { ...options, ifNoneMatch: '"other"' })).status).toBe(200);
    expect((await serveDocument(store, version, { ...options, ifNoneMatch: 'X/"abc"' })).status).toBe(200);
    // W/ is a prefix, nothing else.
    expect((await serveDocument(store, version, { ...options, ifNoneMatch: '"abc"W/' })).status).toBe(200);
  });

  it('serves a range as 206 with Content-Range, and an unsatisfiable one as 416', async () => {
    const part = await serveDocument(store, version, { ...options, range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe('bytes 2-5/10');
    expect(part.headers['Content-Length']).toBe('4');
    expect(part.headers['Content-Security-Policy']).toBe(DOCUMENT_CSP);
    expect(await text(part.body)).toBe('2345');
    const none = await serveDocument(store, version, { ...options, range: 'bytes=10-' });
    expect(none).toEqual({ status: 416, headers: expect.objectContaining({ 'Content-Range': 'bytes */10', 'Content-Security-Policy': DOCUMENT_CSP }), body: null });
    expect(none.headers['Content-Length']).toBeUndefined();
  });

  it('answers HEAD with the length and no body, and a missing file with a plain 404', async () => {
    const head = await serveDocument(store, version, { ...options, method: 'HEAD' });
    expect([head.status, head.headers['Content-Length'], head.headers.ETag, head.body]).toEqual([200, '10', '"abc"', null]);
    const missing = await serveDocument(store, { ...version, storageKey: 'docs/none/1' }, options);
    expect(missing).toEqual({ status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found' });
  });

  it('redirects to a 5-minute presigned URL when asked and the store can, else streams', async () => {
    const asked: unknown[] = [];
    const signing = Object.assign(Object.create(store) as LocalDiskStore, {
      signedDownloadUrl: async (key: string, o: unknown) => (asked.push([key, o]), 'https://bucket.example/x?sig=1'),
    });
    const answer = await serveDocument(signing, version, { ...options, redirect: true, download: true });
    expect(answer).toEqual({ status: 302, headers: { Location: 'https://bucket.example/x?sig=1', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }, body: null });
    expect(asked).toEqual([['docs/a/1', { expiresInSeconds: 300, contentType: 'application/pdf', contentDisposition: contentDisposition('attachment', 'Tờ trình.pdf') }]]);
    expect((await serveDocument(signing, version, options)).status).toBe(200);
    const unsigned = Object.assign(Object.create(store) as LocalDiskStore, { signedDownloadUrl: async () => null });
    expect((await serveDocument(unsigned, version, { ...options, redirect: true })).status).toBe(200);
    expect((await serveDocument(store, version, { ...options, redirect: true })).status).toBe(200);
  });
});
