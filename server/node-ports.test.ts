import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, unlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleEventWriter, type AccessEventInput } from './access/access-recorder';
import { openSqlite } from './db/sqlite-client';
import { serveDocument } from './delegate/serve-document';
import { sendFilesDirectly, sqliteEventWriter } from './node-ports';
import { LocalDiskStore } from './storage/local-disk-store';

const dir = mkdtempSync(join(tmpdir(), 'qrhop-node-ports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqliteEventWriter', () => {
  it('writes the same rows as the portable drizzle writer', async () => {
    const db = openSqlite(join(dir, 'events.db'));
    const events: AccessEventInput[] = [
      { at: new Date(1_790_000_000_123), kind: 'view', meetingId: 'm1', sessionId: 's1', codeId: 'c1', label: 'Bàn 1', documentId: null, deviceId: 'd1', browser: 'Zalo', os: 'Android', isBot: false },
      { at: new Date(1_790_000_000_456), kind: 'open', meetingId: 'm1', sessionId: null, codeId: 'c2', label: null, documentId: 'doc1', deviceId: 'd2', browser: 'Bot', os: 'Other', isBot: true },
      { at: new Date(1_790_000_000_789), kind: 'view', meetingId: 'm1', codeId: 'c1', deviceId: 'd3' }, // defaults
    ];
    await drizzleEventWriter(db.db)(events);
    await sqliteEventWriter(db.sqlite)(events);
    const rows = db.sqlite.prepare('select * from access_events order by id').all() as Record<string, unknown>[];
    const withoutId = rows.map(({ id: _id, ...row }) => row);
    expect(withoutId).toHaveLength(6);
    expect(withoutId.slice(3)).toEqual(withoutId.slice(0, 3));
    expect(withoutId[2]).toMatchObject({ browser: '', os: '', is_bot: 0, session_id: null, at: 1_790_000_000_789 });
    db.close();
  });
});

describe('sendFilesDirectly', () => {
  const store = new LocalDiskStore(join(dir, 'objects'));
  const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
  const served: ReadableStream[] = [];
  let base = '';
  let close = () => {};

  beforeAll(async () => {
    await store.open();
    await store.put('docs/big', new Blob([bytes]).stream(), { contentType: 'application/pdf' });
    await store.put('docs/empty', new Blob([]).stream(), { contentType: 'application/pdf' });
    await store.put('docs/gone', new Blob([bytes]).stream(), { contentType: 'application/pdf' });
    const app = new Hono()
      .get('/d/:name', async (c) => {
        const key = `docs/${c.req.param('name')}`;
        const meta = (await store.head(key))!;
        setCookie(c, 'a', '1');
        setCookie(c, 'b', '2');
        const response = await serveDocument(
          { get: async (k, range) => {
            const object = await store.get(k, range);
            if (object) served.push(object.body);
            if (k === 'docs/gone') unlinkSync(join(dir, 'objects', 'docs', 'gone')); // deleted after the app looked
            return object;
          } } as LocalDiskStore,
          { storageKey: key, filename: 'Báo cáo.pdf', contentType: meta.contentType, size: meta.size, etag: meta.etag },
          { download: false, range: c.req.header('range'), ifNoneMatch: undefined, method: c.req.method, redirect: false },
        );
        for (const cookie of c.res.headers.getSetCookie()) response.headers.append('set-cookie', cookie);
        return response;
      })
      .get('/page', (c) => c.body('<p>page</p>', 200, { 'content-type': 'text/html' }));
    const server = serve({ fetch: sendFilesDirectly(app.fetch), port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('sends a whole file from disk with the app’s status and headers, cookies included', async () => {
    const res = await fetch(`${base}/d/big`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    // The app's web stream was never read: the bytes came from the file itself.
    expect(served.at(-1)!.locked).toBe(false);
  });

  it('sends ranges and empty files', async () => {
    const part = await fetch(`${base}/d/big`, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(1000, 2000));
    const across = await fetch(`${base}/d/big`, { headers: { range: 'bytes=65530-200000' } }); // several chunks, odd edges
    expect(new Uint8Array(await across.arrayBuffer())).toEqual(bytes.subarray(65530, 200001));
    const empty = await fetch(`${base}/d/empty`);
    expect(empty.status).toBe(200);
    expect((await empty.arrayBuffer()).byteLength).toBe(0);
  });

  it('leaves other answers alone, and answers 404 for a file deleted after the app looked', async () => {
    const page = await fetch(`${base}/page`);
    expect(await page.text()).toBe('<p>page</p>');
    const gone = await fetch(`${base}/d/gone`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('Not found'); // never the file's path
    expect((await fetch(`${base}/d/big`, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
  });

  it('closes the file when the client goes away mid-download', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/d/big`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => null);
    if (existsSync('/proc/self/fd')) {
      const openOnBig = () => readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).endsWith(join('docs', 'big'));
        } catch {
          return false;
        }
      }).length;
      await expect.poll(openOnBig, { timeout: 5000 }).toBe(0);
    }
    expect((await fetch(`${base}/d/big`, { headers: { range: 'bytes=0-9' } })).status).toBe(206); // still serving
  });
});
