import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { R2Store } from '../../server/runtime/workers/r2-store';
import { describeObjectStoreContract, newKey, readAll, streamOf } from '../storage/object-store.contract';

// The same contract LocalDiskStore and S3Store pass, on the R2 binding inside workerd.
describeObjectStoreContract('R2Store on the R2 binding (workerd)', async () => {
  const store = new R2Store(env.DOCUMENTS);
  return {
    store,
    cleanup: async () => {},
    leftovers: async () => [...store.openUploads],
  };
});

describe('R2Store specifics', () => {
  it('writes a file shorter than one part with a single put, a longer one in equal parts', async () => {
    const calls: string[] = [];
    const bucket = new Proxy(env.DOCUMENTS, {
      get(target, name) {
        const value = Reflect.get(target, name);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          const result = value.apply(target, args);
          if (name !== 'createMultipartUpload') return result;
          return (result as Promise<any>).then((upload) => ({
            uploadId: upload.uploadId,
            uploadPart: (n: number, part: Uint8Array) => {
              calls.push(`part ${n}: ${part.length}`);
              return upload.uploadPart(n, part);
            },
            complete: (parts: unknown[]) => upload.complete(parts),
            abort: () => upload.abort(),
          }));
        };
      },
    });
    const MB = 1024 * 1024;
    const store = new R2Store(bucket, 5 * MB);
    await store.put(newKey('docs'), streamOf([new Uint8Array(5 * MB - 1)]), { contentType: 'application/pdf' });
    expect(calls).toEqual(['put']);
    calls.length = 0;
    // Odd chunk sizes, so parts are cut across chunk boundaries.
    const chunks = Array.from({ length: 13 }, (_, i) => new Uint8Array(1_000_003).fill(i));
    const key = newKey('docs');
    const meta = await store.put(key, streamOf(chunks), { contentType: 'application/pdf' });
    expect(calls).toEqual(['createMultipartUpload', `part 1: ${5 * MB}`, `part 2: ${5 * MB}`, `part 3: ${13_000_039 - 10 * MB}`]);
    expect(meta.size).toBe(13_000_039);
    const got = await store.get(key, { start: 1_000_002, end: 1_000_003 });
    expect([...(await readAll(got!.body))]).toEqual([0, 1]);
  });

  it('quotes the etag and keeps Vietnamese metadata readable through R2\'s S3 API (percent-encoded)', async () => {
    const store = new R2Store(env.DOCUMENTS);
    const key = newKey('docs');
    const meta = await store.put(key, streamOf([new TextEncoder().encode('xin chào')]), { contentType: 'text/plain', metadata: { filename: 'Tờ trình.pdf' } });
    expect(meta.etag).toMatch(/^"[0-9a-f-]+"$/);
    const raw = await env.DOCUMENTS.head(key);
    expect(raw!.customMetadata).toEqual({ filename: encodeURIComponent('Tờ trình.pdf') });
    expect((await store.head(key))!.metadata).toEqual({ filename: 'Tờ trình.pdf' });
  });

  it('refuses metadata names S3 would lowercase, before reading anything', async () => {
    const store = new R2Store(env.DOCUMENTS);
    const key = newKey('docs');
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(10)), cancel: () => void (cancelled = true) });
    await expect(store.put(key, body, { contentType: 'text/plain', metadata: { originalName: 'a.pdf' } })).rejects.toThrow(/metadata name/);
    expect(cancelled).toBe(true);
    expect(await store.head(key)).toBeNull();
  });
});
