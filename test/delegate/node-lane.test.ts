/**
 * The Node entry's direct lane (server/runtime/node/node-delegate-lane.ts): the same answers as the
 * app's routes, files sent from disk, and the process keeps serving through failures.
 * The delegate and core suites also run whole through it (transport 'node').
 */
import { existsSync, readdirSync, readlinkSync, unlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../server/app-env';
import type { PageCache } from '../../server/delegate/page-cache';
import { createNodeServer, oneReadBuffersInUse } from '../../server/runtime/node/node-delegate-lane';
import { fileSourceOf } from '../../server/runtime/node/local-disk-store';
import type { ObjectStore } from '../../server/storage/object-store';
import { listen, rawFetch } from '../support/raw-fetch';
import { makePdf } from '../support/sample-files';
import { makeDelegateApp, PHONE_UA, type DelegateApp } from './delegate-harness';

const BIG = makePdf('Bao cao tong hop', 300_000);
const DEVICE = 'qrhop_d=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const PHONE = { 'user-agent': PHONE_UA, 'accept-language': 'vi-VN,vi;q=0.9', cookie: DEVICE };

describe('the Node entry’s delegate lane', () => {
  let h: DelegateApp;
  let base = '';
  let close = async () => {};
  let token = '';
  let docId = '';
  const served: ReadableStream[] = [];
  const next = { gone: false, empty: false, fail: false };

  beforeAll(async () => {
    h = await makeDelegateApp();
    await h.store.put('test/empty', new Blob([]).stream(), { contentType: 'application/pdf' });
    const meeting = await h.meeting('Hội nghị tổng kết');
    const session = await h.session(meeting.id, { title: 'Phiên toàn thể' });
    token = session.token;
    const up = await h.admin.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Báo cáo tổng hợp.pdf', bytes: BIG, type: 'application/pdf' }], { sessionId: session.id });
    docId = up.body.documents[0].id;
    await h.publish(meeting.id);

    // The app's own store and cache, with switches to make the next read go wrong.
    const store = new Proxy(h.store, {
      get(target, prop) {
        if (prop === 'get') {
          return async (key: string, range?: { start: number; end: number }) => {
            if (next.empty) return (next.empty = false), target.get('test/empty');
            const object = await target.get(key, range);
            if (object) served.push(object.body);
            if (object && next.gone) {
              next.gone = false;
              unlinkSync(fileSourceOf(object.body)!.path); // deleted after the app looked
            }
            return object;
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as ObjectStore;
    const pageCache: PageCache = {
      get: (key, now) => {
        if (next.fail) throw ((next.fail = false), new Error('cache broke'));
        return h.deps.pageCache.get(key, now);
      },
      set: (key, entry) => h.deps.pageCache.set(key, entry),
      clear: () => h.deps.pageCache.clear(),
    };
    const deps: AppDeps = { ...h.deps, store, pageCache };
    ({ base, close } = await listen(createNodeServer(deps, h.app.fetch)));
  });
  afterAll(async () => {
    await close();
    await h.close();
  });

  const lane = (path: string, headers: Record<string, string> = {}, method = 'GET') => rawFetch(base + path, { method, headers: { ...PHONE, ...headers } });
  const viaApp = (path: string, headers: Record<string, string> = {}, method = 'GET') => h.app.request(path, { method, headers: { ...PHONE, ...headers } });

  // What may differ between the two: framing, and the random value of a new device's cookie.
  const comparable = (res: Response) => {
    const headers = [...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name));
    return { status: res.status, headers: headers.map(([n, v]) => [n, n === 'set-cookie' ? v.replace(/=[^;]+/, '=…') : v]) };
  };

  it('answers exactly what the app’s routes answer: status, headers and bytes', async () => {
    const etag = (await viaApp(`/s/${token}`)).headers.get('etag')!;
    const cases: [string, Record<string, string>, string?][] = [
      [`/s/${token}`, { 'accept-encoding': 'gzip, deflate, br' }],
      [`/s/${token}`, { 'accept-encoding': 'gzip' }],
      [`/s/${token}`, { 'accept-encoding': 'identity' }],
      [`/s/${token}?lang=en`, { 'accept-encoding': 'br' }],
      [`/s/${token}`, { 'if-none-match': etag }],
      [`/s/${token}`, { cookie: '' }], // a new phone: a device cookie is issued
      [`/s/${token}`, {}, 'HEAD'],
      [`/s/${'x'.repeat(22)}`, {}], // unknown or rotated code
      [`/s/${token}/d/${docId}`, {}],
      [`/s/${token}/d/${docId}`, { range: 'bytes=100-199' }],
      [`/s/${token}/d/${docId}`, { range: 'bytes=999999-' }],
      [`/s/${token}/d/${docId}?download=1`, {}, 'HEAD'],
      [`/s/${token}/d/${'y'.repeat(16)}`, {}],
    ];
    for (const [path, headers, method] of cases) {
      const [a, b] = [await viaApp(path, headers, method), await lane(path, headers, method)];
      const label = `${method ?? 'GET'} ${path} ${JSON.stringify(headers)}`;
      expect(comparable(b), label).toEqual(comparable(a));
      expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer())), label).toBe(true);
    }
  });

  it('sends a whole document from its file, with a length and the protective headers', async () => {
    const res = await lane(`/s/${token}/d/${docId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(BIG.length));
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20h%E1%BB%A3p.pdf");
    expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(BIG);
    // The store's web stream was never read: the bytes came from the file itself.
    expect(served.at(-1)!.locked).toBe(false);
  });

  it('sends ranges across its 64 KB reads, ranges in one read, and empty files', async () => {
    const across = await lane(`/s/${token}/d/${docId}`, { range: 'bytes=65530-200000' });
    expect(across.status).toBe(206);
    expect(across.headers.get('content-range')).toBe(`bytes 65530-200000/${BIG.length}`);
    expect(new Uint8Array(await across.arrayBuffer())).toEqual(BIG.subarray(65530, 200001));
    // Ranges up to 256 KB are read at once into a buffer kept for the next: never its old bytes.
    for (const [from, to] of [[100, 70_000], [250_000, BIG.length - 1], [0, 262_143], [1, 1]]) {
      const part = await lane(`/s/${token}/d/${docId}`, { range: `bytes=${from}-${to}` });
      expect(part.headers.get('content-length')).toBe(String(to! - from! + 1));
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(BIG.subarray(from, to! + 1));
    }
    // Many at once, and one dropped mid-way: every kept buffer is accounted for afterwards.
    await Promise.all(Array.from({ length: 40 }, (_, i) => lane(`/s/${token}/d/${docId}`, { range: `bytes=${i * 1000}-${i * 1000 + 199_999}` })));
    const dropped = new AbortController();
    const part = await fetch(`${base}/s/${token}/d/${docId}`, { headers: { ...PHONE, range: 'bytes=0-262143' }, signal: dropped.signal });
    await part.body!.getReader().read();
    dropped.abort();
    await expect.poll(oneReadBuffersInUse, { timeout: 5000 }).toBe(0);
    next.empty = true;
    const empty = await lane(`/s/${token}/d/${docId}`);
    expect(empty.status).toBe(200);
    expect((await empty.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 404 for a file deleted after the app looked, and keeps serving', async () => {
    next.gone = true;
    const gone = await lane(`/s/${token}/d/${docId}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('Not found'); // never the file's path
    const page = await lane(`/s/${token}`);
    expect(page.status).toBe(200);
  });

  it('answers an unexpected failure with the app’s 500, and keeps serving', async () => {
    next.fail = true;
    const broken = await lane(`/s/${token}`);
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    expect((await lane(`/s/${token}`)).status).toBe(200);
  });

  it('leaves the PIN form, the assets, the API and odd paths to the app', async () => {
    const pin = await rawFetch(`${base}/s/${token}/pin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: 'pin=1234' });
    expect(pin.status).toBe(303); // no PIN on this session: back to the page
    const page = await (await lane(`/s/${token}`, { 'accept-encoding': 'identity' })).text();
    const script = /<script src="([^"]+)"/.exec(page)![1]!;
    expect((await lane(script)).headers.get('content-type')).toContain('javascript');
    expect((await rawFetch(`${base}/api/meetings`)).status).toBe(401);
    expect((await lane(`/s/${token}/`)).status).toBe(404);
    expect((await rawFetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('a phone that goes away mid-download', () => {
  let h: DelegateApp;

  beforeAll(async () => {
    h = await makeDelegateApp({ transport: 'node' });
  });
  afterAll(() => h.close());

  it('closes the file and the server keeps serving', async () => {
    const meeting = await h.meeting();
    const session = await h.session(meeting.id, { title: 'Phiên 1' });
    const up = await h.admin.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Lớn.pdf', bytes: makePdf('big', 2_000_000), type: 'application/pdf' }], { sessionId: session.id });
    await h.publish(meeting.id);
    const url = `/s/${session.token}/d/${up.body.documents[0].id}`;
    const controller = new AbortController();
    const res = await fetch(h.nodeBase! + url, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => null);
    if (existsSync('/proc/self/fd')) {
      const openOnObjects = () => readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).includes(`${h.dir}/objects/`);
        } catch {
          return false;
        }
      }).length;
      await expect.poll(openOnObjects, { timeout: 5000 }).toBe(0);
    }
    expect((await h.phoneFetch(url, { headers: { range: 'bytes=0-9' } })).status).toBe(206); // still serving
  });
});
