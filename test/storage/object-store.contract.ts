/**
 * What every ObjectStore must do, run unchanged against each implementation so
 * the app behaves the same on a laptop's disk and on any S3-compatible service.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../server/storage/object-store';

export interface StoreFixture {
  store: ObjectStore;
  cleanup(): Promise<void>;
  /** Unfinished writes the backend still holds (temp files, multipart uploads). */
  leftovers(): Promise<string[]>;
}

const MB = 1024 * 1024;

export function describeObjectStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let fx: StoreFixture;
    let store: ObjectStore;
    beforeAll(async () => {
      fx = await makeStore();
      store = fx.store;
    });
    afterAll(async () => {
      await fx?.cleanup();
    });

    it('puts a stream of many chunks and gets the same bytes back', async () => {
      const chunks = Array.from({ length: 120 }, (_, i) => randomBytes((i * 37) % 5000));
      const expected = Buffer.concat(chunks);
      const key = newKey('docs');
      const meta = await store.put(key, streamOf(chunks), { contentType: 'application/pdf' });
      expect(meta.size).toBe(expected.length);
      const got = await store.get(key);
      expect(got).not.toBeNull();
      expect(got!.range).toBeUndefined();
      expect(got!.size).toBe(expected.length);
      expect((await readAll(got!.body)).equals(expected)).toBe(true);
    });

    it('heads size, content type, a quoted etag, last-modified and metadata', async () => {
      const key = newKey('docs');
      const before = Date.now();
      const put = await store.put(key, streamOf([Buffer.from('xin chào')]), {
        contentType: 'text/plain; charset=utf-8',
        metadata: { filename: 'hello.txt', version: '3' },
      });
      const head = await store.head(key);
      expect(head).toMatchObject({
        size: Buffer.byteLength('xin chào'),
        contentType: 'text/plain; charset=utf-8',
        metadata: { filename: 'hello.txt', version: '3' },
      });
      expect(head!.etag).toMatch(/^"[^"]+"$/);
      expect(head!.etag).toBe(put.etag);
      expect(head!.lastModified).toBeInstanceOf(Date);
      // Second-resolution clocks (HTTP dates) round down.
      expect(head!.lastModified.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 2000);
      expect(head!.lastModified.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
      const got = await store.get(key);
      expect(got!.etag).toBe(head!.etag);
      expect(got!.metadata).toEqual(head!.metadata);
      await got!.body.cancel();
    });

    it('gives a different etag to different content', async () => {
      const a = await store.put(newKey('docs'), streamOf([Buffer.from('one')]), { contentType: 'text/plain' });
      const b = await store.put(newKey('docs'), streamOf([Buffer.from('two')]), { contentType: 'text/plain' });
      expect(a.etag).not.toBe(b.etag);
    });

    it('keeps Vietnamese metadata exactly, NFC and NFD alike', async () => {
      const title = 'Báo cáo tổng kết năm 2026 – Nghị quyết.pdf';
      const nfc = title.normalize('NFC');
      const nfd = title.normalize('NFD');
      expect(nfc).not.toBe(nfd);
      const metadata = { filename: nfc, 'filename-nfd': nfd, note: '100% "đúng" + a=b; c/d?e&f ~ Đoàn Gio Linh' };
      const key = newKey('docs');
      await store.put(key, streamOf([Buffer.from('%PDF-1.7')]), { contentType: 'application/pdf', metadata });
      const head = await store.head(key);
      expect(head!.metadata).toEqual(metadata);
      expect(head!.metadata.filename).toBe(nfc);
      expect(head!.metadata['filename-nfd']).toBe(nfd);
      expect([...head!.metadata['filename-nfd']!].length).toBe([...nfd].length);
      const got = await store.get(key);
      expect(got!.metadata).toEqual(metadata);
      await got!.body.cancel();
    });

    it('serves inclusive byte ranges, clamped at the end', async () => {
      const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
      const key = newKey('docs');
      await store.put(key, streamOf([bytes]), { contentType: 'application/octet-stream' });

      const middle = await store.get(key, { start: 10, end: 19 });
      expect(middle!.range).toEqual({ start: 10, end: 19 });
      expect(middle!.size).toBe(1000); // the whole object's size, not the slice's
      expect((await readAll(middle!.body)).equals(bytes.subarray(10, 20))).toBe(true);

      const last = await store.get(key, { start: 999, end: 999 });
      expect(last!.range).toEqual({ start: 999, end: 999 });
      expect((await readAll(last!.body)).equals(bytes.subarray(999))).toBe(true);

      const past = await store.get(key, { start: 995, end: 5000 });
      expect(past!.range).toEqual({ start: 995, end: 999 });
      expect((await readAll(past!.body)).equals(bytes.subarray(995))).toBe(true);

      const first = await store.get(key, { start: 0, end: 0 });
      expect((await readAll(first!.body)).equals(bytes.subarray(0, 1))).toBe(true);
    });

    it('stores an empty object, and a range on it serves it whole', async () => {
      const key = newKey('docs');
      const meta = await store.put(key, streamOf([]), { contentType: 'text/plain' });
      expect(meta.size).toBe(0);
      expect((await store.head(key))!.size).toBe(0);
      const ranged = await store.get(key, { start: 0, end: 99 });
      expect(ranged).not.toBeNull();
      expect(ranged!.range).toBeUndefined();
      expect((await readAll(ranged!.body)).length).toBe(0);
    });

    it('answers null for a missing key', async () => {
      const key = newKey('missing');
      expect(await store.get(key)).toBeNull();
      expect(await store.get(key, { start: 0, end: 10 })).toBeNull();
      expect(await store.head(key)).toBeNull();
    });

    it('deletes, and deleting a missing key is fine', async () => {
      const key = newKey('docs');
      await store.put(key, streamOf([Buffer.from('bye')]), { contentType: 'text/plain' });
      expect(await store.head(key)).not.toBeNull();
      await store.delete(key);
      expect(await store.head(key)).toBeNull();
      expect(await store.get(key)).toBeNull();
      await expect(store.delete(key)).resolves.toBeUndefined();
      await expect(store.delete(newKey('never'))).resolves.toBeUndefined();
    });

    it('replaces an object written again under the same key', async () => {
      const key = newKey('docs');
      await store.put(key, streamOf([Buffer.from('version one')]), { contentType: 'text/plain', metadata: { v: '1' } });
      await store.put(key, streamOf([Buffer.from('v2')]), { contentType: 'text/markdown', metadata: { v: '2' } });
      const got = await store.get(key);
      expect(got).toMatchObject({ size: 2, contentType: 'text/markdown', metadata: { v: '2' } });
      expect((await readAll(got!.body)).toString()).toBe('v2');
    });

    it('streams a 20 MB object through unchanged (sha256 both ways)', async () => {
      const key = newKey('large');
      const source = generated(20 * MB + 12345, 64 * 1024);
      const meta = await store.put(key, source.stream, { contentType: 'application/pdf' });
      expect(meta.size).toBe(20 * MB + 12345);
      expect((await store.head(key))!.size).toBe(20 * MB + 12345);
      const got = await store.get(key);
      expect(await sha256(got!.body)).toBe(source.sha256());
      const tail = await store.get(key, { start: 20 * MB, end: 20 * MB + 12344 });
      expect((await readAll(tail!.body)).length).toBe(12345);
      await store.delete(key);
    });

    it('lists the keys it holds, with sizes', async () => {
      const keys = [newKey('list'), `${newKey('list')}/nested/v1`];
      for (const [i, key] of keys.entries()) {
        await store.put(key, streamOf([Buffer.alloc(i + 1, 1)]), { contentType: 'text/plain' });
      }
      const gone = newKey('list');
      await store.put(gone, streamOf([Buffer.from('x')]), { contentType: 'text/plain' });
      await store.delete(gone);
      const listed = new Map<string, { size: number; lastModified: Date }>();
      for await (const item of store.list()) listed.set(item.key, item);
      expect(listed.get(keys[0]!)?.size).toBe(1);
      expect(listed.get(keys[1]!)?.size).toBe(2);
      expect(listed.get(keys[0]!)?.lastModified).toBeInstanceOf(Date);
      expect(listed.has(gone)).toBe(false);
    });

    it('an aborted put leaves nothing under the key and nothing half-written', async () => {
      const key = newKey('aborted');
      const source = stallingSource(12 * MB);
      const controller = new AbortController();
      const putting = store.put(key, source.stream, { contentType: 'application/pdf', signal: controller.signal });
      putting.catch(() => undefined);
      await source.stalled;
      // The write really is in progress (streamed, not buffered whole) before we abort.
      await waitFor(async () => (await fx.leftovers()).length > 0);
      controller.abort();
      await expect(putting).rejects.toMatchObject({ name: 'AbortError' });
      expect(await store.head(key)).toBeNull();
      expect(await store.get(key)).toBeNull();
      expect(await fx.leftovers()).toEqual([]);
      expect(source.cancelled()).toBe(true);
    });

    it('a source that fails mid-way leaves nothing under the key', async () => {
      const key = newKey('failed');
      const source = stallingSource(12 * MB);
      const putting = store.put(key, source.stream, { contentType: 'application/pdf' });
      putting.catch(() => undefined);
      await source.stalled;
      await waitFor(async () => (await fx.leftovers()).length > 0);
      source.fail(new Error('source broke mid-way'));
      await expect(putting).rejects.toThrow('source broke mid-way');
      expect(await store.head(key)).toBeNull();
      expect(await fx.leftovers()).toEqual([]);
    });

    it('a put with an already-aborted signal writes nothing', async () => {
      const key = newKey('aborted');
      await expect(store.put(key, streamOf([Buffer.from('x')]), { contentType: 'text/plain', signal: AbortSignal.abort() })).rejects.toThrow();
      expect(await store.head(key)).toBeNull();
      expect(await fx.leftovers()).toEqual([]);
    });
  });
}

/* ---------- helpers ---------- */

export function newKey(folder: string): string {
  return `${folder}/${randomBytes(9).toString('hex')}`;
}

export function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

async function sha256(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

/** Random bytes produced on demand (never all in memory), hashed as they go out. */
function generated(total: number, chunkSize: number) {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = randomBytes(Math.min(chunkSize, total - sent));
      sent += chunk.length;
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** 1 MB chunks up to `stallAt` bytes, then waits: until cancelled, or fail() is called. */
function stallingSource(stallAt: number) {
  let sent = 0;
  let wasCancelled = false;
  let markStalled!: () => void;
  let failWith!: (error: Error) => void;
  const stalled = new Promise<void>((resolve) => (markStalled = resolve));
  const failure = new Promise<Error>((resolve) => (failWith = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent < stallAt) {
          sent += MB;
          // Not randomBytes(MB): workerd's getRandomValues stops at 64 KiB, and the bytes do not matter here.
          controller.enqueue(new Uint8Array(MB).fill(sent / MB));
          return;
        }
        markStalled();
        const error = await Promise.race([failure, new Promise<null>((resolve) => setTimeout(resolve, 20_000, null))]);
        if (error) controller.error(error);
      },
      cancel() {
        wasCancelled = true;
        failWith(new Error('cancelled'));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stalled, fail: failWith, cancelled: () => wasCancelled };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
