/**
 * Transient S3 failures (a 503 "slow down", a dropped connection) are retried by the
 * SDK (maxAttempts 3 in createS3Client; exponential backoff with full jitter, base
 * 100 ms, 500 ms for throttling answers): callers never see them, and a
 * multipart upload whose part failed once still completes with the right bytes.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Store } from '../../server/runtime/node/s3-store';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { MB, pendingUploads, sha256Of, storeOn } from './s3-fixtures';

type Fault = '503' | 'drop';

/** Forwards to s3rver, except for requests a test marks to fail (by method and query). */
function flakyProxy(target: string) {
  const upstream = new URL(target);
  const faults: { match: (method: string, url: URL) => boolean; fault: Fault; left: number }[] = [];
  const seen: { method: string; path: string; fault?: Fault; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const rule = faults.find((f) => f.left > 0 && f.match(req.method ?? '', url));
    seen.push({ method: req.method ?? '', path: url.pathname + url.search, ...(rule && { fault: rule.fault }), at: Date.now() });
    if (rule) {
      rule.left--;
      // Read the body first, as a real service does before it answers.
      req.resume();
      req.on('end', () => {
        if (rule.fault === 'drop') return req.socket.destroy();
        res.writeHead(503, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      });
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return {
    server,
    seen,
    failNext(fault: Fault, times: number, match: (method: string, url: URL) => boolean) {
      faults.push({ fault, left: times, match });
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function streamOf(bytes: Uint8Array, chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += chunk)));
    },
  });
}

describe('transient S3 errors are retried', () => {
  let s3: S3rverHandle;
  let proxy: ReturnType<typeof flakyProxy>;
  let store: S3Store;
  let direct: S3Store;

  beforeAll(async () => {
    s3 = await startS3rver();
    proxy = flakyProxy(s3.endpoint);
    const endpoint = await proxy.listen();
    store = storeOn(s3, { endpoint });
    direct = storeOn(s3);
  });
  afterAll(async () => {
    store?.client.destroy();
    direct?.client.destroy();
    await proxy?.close();
    await s3?.destroy();
  });

  it('two 503 answers in a row, then success: the read succeeds on the third attempt', async () => {
    const key = `docs/m/d/${randomBytes(6).toString('hex')}`;
    await direct.put(key, streamOf(Buffer.from('xin chào')), { contentType: 'text/plain' });
    proxy.failNext('503', 2, (method, url) => method === 'GET' && url.pathname.endsWith(key));
    const from = proxy.seen.length;
    const got = await store.get(key);
    expect((await sha256Of(got!.body)).bytes).toBe(Buffer.byteLength('xin chào'));
    const attempts = proxy.seen.slice(from).filter((r) => r.method === 'GET');
    expect(attempts.map((a) => a.fault ?? 'ok')).toEqual(['503', '503', 'ok']);
  });

  it('a dropped connection during a small upload: the put succeeds', async () => {
    const key = `docs/m/d/${randomBytes(6).toString('hex')}`;
    proxy.failNext('drop', 1, (method, url) => method === 'PUT' && url.pathname.endsWith(key));
    const bytes = randomBytes(100_000);
    const meta = await store.put(key, streamOf(bytes), { contentType: 'application/pdf' });
    expect(meta.size).toBe(bytes.length);
    const got = await direct.get(key);
    expect((await sha256Of(got!.body)).sha256).toBe((await sha256Of(streamOf(bytes))).sha256);
  });

  it('a multipart upload whose second part fails once completes with the right bytes and no leftover', async () => {
    const key = `docs/m/d/${randomBytes(6).toString('hex')}`;
    proxy.failNext('503', 1, (method, url) => method === 'PUT' && url.searchParams.get('partNumber') === '2');
    const bytes = randomBytes(20 * MB);
    const meta = await store.put(key, streamOf(bytes), { contentType: 'application/pdf' });
    expect(meta.size).toBe(bytes.length);
    const part2 = proxy.seen.filter((r) => r.path.includes(key) && r.path.includes('partNumber=2'));
    expect(part2.map((r) => r.fault ?? 'ok')).toEqual(['503', 'ok']);
    const got = await direct.get(key);
    expect(await sha256Of(got!.body)).toEqual(await sha256Of(streamOf(bytes)));
    expect(await pendingUploads(direct, s3.bucket)).toEqual([]);
  });

  it('failing more often than the retries allow: StorageUnavailableError, and the multipart upload is aborted', async () => {
    const key = `docs/m/d/${randomBytes(6).toString('hex')}`;
    proxy.failNext('503', 3, (method, url) => method === 'PUT' && url.searchParams.get('partNumber') === '1');
    await expect(store.put(key, streamOf(randomBytes(12 * MB)), { contentType: 'application/pdf' })).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    expect(await direct.head(key)).toBeNull();
    expect(await pendingUploads(direct, s3.bucket)).toEqual([]);
  });
});
