import { ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import { StorageUnavailableError } from '../../server/storage/object-store';
import { S3Store, checkS3Store, type S3StoreOptions } from '../../server/runtime/node/s3-store';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { describeObjectStoreContract, newKey, readAll, streamOf } from './object-store.contract';

function s3Options(s3: S3rverHandle, overrides: Partial<S3StoreOptions> = {}): S3StoreOptions {
  const { endpoint, region, bucket, accessKeyId, secretAccessKey } = s3;
  return { endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle: true, ...overrides };
}

async function pendingUploads(store: S3Store, bucket: string): Promise<string[]> {
  const out = await store.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (out.Uploads ?? []).map((u) => `${u.Key} (upload ${u.UploadId})`);
}

describeObjectStoreContract('LocalDiskStore', async () => {
  const root = await mkdtemp(join(tmpdir(), 'qrhop-disk-'));
  const store = await new LocalDiskStore(root).open();
  return {
    store,
    cleanup: () => rm(root, { recursive: true, force: true }),
    leftovers: () => readdir(join(root, '.tmp')),
  };
});

describeObjectStoreContract('S3Store on s3rver', async () => {
  const s3 = await startS3rver();
  const store = new S3Store(s3Options(s3));
  return {
    store,
    cleanup: async () => {
      store.client.destroy();
      await s3.destroy();
    },
    leftovers: () => pendingUploads(store, s3.bucket),
  };
});

describe('LocalDiskStore keys', () => {
  it("refuses keys that could leave its folder ('..', absolute, backslash)", async () => {
    const parent = await mkdtemp(join(tmpdir(), 'qrhop-disk-'));
    const store = await new LocalDiskStore(join(parent, 'store')).open();
    try {
      for (const key of ['../escape', 'a/../../escape', '..', '/etc/escape', 'a\\..\\escape', 'a/./b', '']) {
        await expect(store.put(key, streamOf([Buffer.from('x')]), { contentType: 'text/plain' })).rejects.toThrow(/invalid storage key/);
        await expect(store.get(key)).rejects.toThrow(/invalid storage key/);
        await expect(store.head(key)).rejects.toThrow(/invalid storage key/);
        await expect(store.delete(key)).rejects.toThrow(/invalid storage key/);
      }
      await expect(stat(join(parent, 'escape'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

describe('S3Store specifics (s3rver)', () => {
  let s3: S3rverHandle;
  let store: S3Store;
  beforeAll(async () => {
    s3 = await startS3rver();
    store = new S3Store(s3Options(s3));
  });
  afterAll(async () => {
    store?.client.destroy();
    await s3?.destroy();
  });

  it('verify() passes for a reachable bucket with good credentials', async () => {
    await expect(store.verify()).resolves.toBeUndefined();
    await expect(checkS3Store(store)).resolves.toBeUndefined();
  });

  it('verify() names the bucket and endpoint when the bucket does not exist', async () => {
    const missing = new S3Store(s3Options(s3, { bucket: 'no-such-bucket' }));
    await expect(missing.verify()).rejects.toThrow(
      `S3 bucket 'no-such-bucket' is not reachable at ${s3.endpoint}: the bucket does not exist`,
    );
    missing.client.destroy();
  });

  it('verify() says the credentials were refused', async () => {
    // s3rver checks the access key id but not SigV4 signatures, so a wrong secret would pass here.
    const wrong = new S3Store(s3Options(s3, { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'not-the-secret' }));
    const error = await wrong.verify().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe(`S3 bucket 'qrhop-test' at ${s3.endpoint}: credentials refused (HTTP 403)`);
    expect(error!.message).not.toContain('not-the-secret');
    wrong.client.destroy();
  });

  it('a presigned URL serves the bytes with the given type and RFC 6266 disposition', async () => {
    const key = newKey('signed');
    const bytes = Buffer.from('%PDF-1.7 báo cáo');
    await store.put(key, streamOf([bytes]), { contentType: 'application/octet-stream' });
    const disposition = `attachment; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf`;
    const url = (await store.signedDownloadUrl(key, { expiresInSeconds: 300, contentType: 'application/pdf', contentDisposition: disposition }))!;
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(disposition);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    // The overrides are part of the signed request (s3rver does not check SigV4, real S3 does).
    const signed = new URL(url).searchParams.get('X-Amz-SignedHeaders');
    expect(signed).toBe('host');
    expect(new URL(url).searchParams.get('response-content-disposition')).toBe(disposition);
  });

  it('its client sends streamed bodies as plain bytes, not aws-chunked', async () => {
    expect(await store.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await store.client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    const key = newKey('raw');
    const bytes = randomBytes(300_000);
    const body = Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]);
    await store.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentLength: bytes.length }));
    const got = await store.get(key);
    expect(got!.size).toBe(bytes.length);
    expect((await readAll(got!.body)).equals(bytes)).toBe(true);
  });

  it('keeps its keys under the prefix and lists them without it', async () => {
    const scoped = new S3Store(s3Options(s3, { prefix: 'tenant-a/' }));
    const key = newKey('docs');
    await scoped.put(key, streamOf([Buffer.from('scoped')]), { contentType: 'text/plain' });
    expect(await store.head(`tenant-a/${key}`)).not.toBeNull();
    expect(await store.head(key)).toBeNull();
    const outside = newKey('docs');
    await store.put(outside, streamOf([Buffer.from('outside')]), { contentType: 'text/plain' });
    const listed: string[] = [];
    for await (const item of scoped.list()) listed.push(item.key);
    expect(listed).toContain(key);
    expect(listed).not.toContain(outside);
    expect(listed.every((k) => !k.startsWith('tenant-a/'))).toBe(true);
    const got = await scoped.get(key);
    expect((await readAll(got!.body)).toString()).toBe('scoped');
    scoped.client.destroy();
  });

  it('refuses metadata names S3 would silently lowercase', async () => {
    const key = newKey('docs');
    await expect(store.put(key, streamOf([Buffer.from('x')]), { contentType: 'text/plain', metadata: { originalName: 'a.pdf' } }))
      .rejects.toThrow(/metadata name/);
    expect(await store.head(key)).toBeNull();
  });

  it('reads metadata another tool wrote without percent-encoding', async () => {
    const key = newKey('docs');
    await store.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: 'x', Metadata: { filename: '100% plain.pdf' } }));
    expect((await store.head(key))!.metadata).toEqual({ filename: '100% plain.pdf' });
  });

  it('rejects with StorageUnavailableError during an outage and recovers after it', async () => {
    const key = newKey('outage');
    await store.put(key, streamOf([Buffer.from('before the outage')]), { contentType: 'text/plain' });
    await s3.stop();
    try {
      const started = Date.now();
      await expect(store.get(key)).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.head(key)).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.put(newKey('outage'), streamOf([Buffer.from('x')]), { contentType: 'text/plain' }))
        .rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.delete(key)).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.verify()).rejects.toThrow(`S3 bucket 'qrhop-test' is not reachable at ${s3.endpoint}: ECONNREFUSED`);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await s3.restart();
    }
    const got = await store.get(key);
    expect((await readAll(got!.body)).toString()).toBe('before the outage');
    await expect(store.put(newKey('outage'), streamOf([Buffer.from('after')]), { contentType: 'text/plain' })).resolves.toMatchObject({ size: 5 });
  });

  it('retries 5xx answers, then rejects with StorageUnavailableError', async () => {
    let hits = 0;
    const failing = createServer((_req, res) => {
      hits++;
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error>');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    const broken = new S3Store({ ...s3Options(s3), endpoint });
    try {
      const error = await broken.head('docs/x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect((error as Error).message).toContain(endpoint);
      expect(hits).toBe(3);
    } finally {
      broken.client.destroy();
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});

describe('s3rver test helper', () => {
  it('runs independent instances side by side', async () => {
    const [a, b] = await Promise.all([startS3rver(), startS3rver()]);
    const storeA = new S3Store(s3Options(a));
    const storeB = new S3Store(s3Options(b));
    try {
      expect(a.endpoint).not.toBe(b.endpoint);
      expect(a.directory).not.toBe(b.directory);
      const key = newKey('docs');
      await storeA.put(key, streamOf([Buffer.from('only in a')]), { contentType: 'text/plain' });
      expect(await storeA.head(key)).not.toBeNull();
      expect(await storeB.head(key)).toBeNull();
    } finally {
      storeA.client.destroy();
      storeB.client.destroy();
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
