import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { createNodeServer } from '../../server/runtime/node/node-delegate-lane';
import { ApiClient } from '../support/api-client';
import { listen, rawFetch } from '../support/raw-fetch';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf } from '../support/sample-files';

/** Property-based abuse of every route family: never a 5xx, never a crash, never a file outside the store. */
let t: NodeTestApp;
let api: ApiClient;
let ids: { meeting: string; session: string; doc: string; code: string; token: string };
let fuzzed = 0;

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => relative(dir, join(dir, f)));
}

async function send(path: string, init?: RequestInit): Promise<Response> {
  fuzzed++;
  const res = await api.fetch(path, init);
  await res.arrayBuffer();
  return res;
}

/** The status of a raw HTTP exchange (0 when the server closed without answering, e.g. a request it could not parse). */
function rawStatus(base: string, request: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = connect(Number(port), hostname, () => socket.write(request)); // Connection: close ends it
    socket.on('data', (d) => (reply += d));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

const expectClean = (res: Response, what: string) => {
  expect(res.status, what).toBeLessThan(500);
};

// Vietnamese text, control characters, traversal pieces, long runs.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('../', '..\\..\\', '%2e%2e%2f', '\u0000', '\r\n', 'Hội nghị Ban Chấp hành'.normalize('NFD'), 'Đ'.repeat(1000), '<script>', "'; drop table users; --"),
);

beforeAll(async () => {
  t = await makeNodeApp({ settings: { maxUploadBytes: 256 * 1024 } });
  await t.addUser({ email: 'admin@example.org', name: 'Admin', password: 'fuzzing-password', role: 'admin' });
  api = new ApiClient(t.fetch);
  await api.login('admin@example.org', 'fuzzing-password');
  const meeting = (await api.post('/api/meetings', { title: 'Fuzz' })).body.meeting;
  const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên' })).body.session;
  const doc = (await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'a.pdf', bytes: makePdf('a') }], { sessionId: session.id })).body.documents[0];
  await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
  const code = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0];
  ids = { meeting: meeting.id, session: session.id, doc: doc.id, code: code.id, token: code.token };
});

afterAll(() => {
  console.log(`fuzz: ${fuzzed} requests sent`);
  t.close();
});

describe('fuzzing', () => {
  it('public routes survive malformed tokens, paths, query strings and headers', async () => {
    await fc.assert(fc.asyncProperty(nasty, nasty, nasty, nasty, async (token, docId, query, header) => {
      const h = { 'accept-language': header.replace(/[^\t\x20-\x7e]/g, ''), range: `bytes=${header.replace(/[^\x20-\x7e]/g, '')}`, 'if-none-match': header.replace(/[^\x20-\x7e]/g, '') };
      for (const path of [`/s/${encodeURIComponent(token)}`, `/s/${ids.token}/d/${encodeURIComponent(docId)}`, `/s/${ids.token}?lang=${encodeURIComponent(query)}`, `/s/${ids.token}/d/${ids.doc}?download=${encodeURIComponent(query)}`]) {
        expectClean(await send(path, { headers: h }), path);
      }
    }), { numRuns: RUNS });
  });

  it('the same, over HTTP through the Node server, whose direct lane answers pages and documents', async () => {
    const server = await listen(createNodeServer(t.deps, t.app.fetch));
    try {
      await fc.assert(fc.asyncProperty(nasty, nasty, nasty, nasty, async (token, docId, query, header) => {
        const h = { 'accept-language': header.replace(/[^\t\x20-\x7e]/g, ''), range: `bytes=${header.replace(/[^\x20-\x7e]/g, '')}`, 'if-none-match': header.replace(/[^\x20-\x7e]/g, ''), cookie: `qrhop_d=${header.replace(/[^\x21-\x7e]|;/g, '')}; qrhop_lang=${encodeURIComponent(query)}` };
        for (const path of [`/s/${encodeURIComponent(token)}`, `/s/${ids.token}/d/${encodeURIComponent(docId)}`, `/s/${ids.token}?lang=${encodeURIComponent(query)}`, `/s/${ids.token}/d/${ids.doc}?download=${encodeURIComponent(query)}`]) {
          fuzzed++;
          const res = await rawFetch(server.base + path, { headers: h });
          expectClean(res, path);
        }
      }), { numRuns: RUNS });
      // Odd request lines and Host headers, as raw bytes: the lane only takes what it can read plainly.
      const targets = [`/s/${ids.token}`, `/s/${ids.token}/d/${ids.doc}`, `/s/${ids.token}/../../etc/passwd`, `/s/${ids.token}%00`, `/s/${ids.token}?lang=en&lang=vi`, '/s/', `//s/${ids.token}`, `/s/${ids.token}#x`];
      const hosts = ['127.0.0.1', 'EXAMPLE.VN', '[::1]:3000', 'a b', 'evil.example/path', '', 'x'.repeat(300), 'qr.example.vn:99999'];
      for (const target of targets) {
        for (const host of hosts) {
          fuzzed++;
          const status = await rawStatus(server.base, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
          expect(status, `${target} Host: ${host}`).toBeGreaterThanOrEqual(200); // an answer, every time
          expect(status, `${target} Host: ${host}`).toBeLessThan(500);
        }
      }
      expect((await rawFetch(`${server.base}/s/${ids.token}`)).status).toBe(200); // still serving
    } finally {
      await server.close();
    }
  });

  it('organizer routes answer malformed JSON and ids with a clear 4xx', async () => {
    const routes: [string, string][] = [
      ['POST', '/api/meetings'], ['PATCH', `/api/meetings/${ids.meeting}`], ['POST', `/api/meetings/${ids.meeting}/sessions`],
      ['PATCH', `/api/sessions/${ids.session}`], ['PUT', `/api/sessions/${ids.session}/documents`], ['PATCH', `/api/documents/${ids.doc}`],
      ['POST', `/api/sessions/${ids.session}/codes`], ['POST', '/api/users'], ['POST', '/api/auth/login'], ['POST', `/api/meetings/${ids.meeting}/members`],
    ];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), fc.oneof(fc.json(), fc.anything().map((v) => JSON.stringify(v) ?? 'null'), nasty), async ([method, path], body) => {
      const res = await send(path, { method, headers: { 'content-type': 'application/json' }, body });
      expectClean(res, `${method} ${path} ${body.slice(0, 80)}`);
    }), { numRuns: RUNS * 2 });
    await fc.assert(fc.asyncProperty(nasty, fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST', 'PUT'), async (id, method) => {
      for (const path of [`/api/meetings/${encodeURIComponent(id)}`, `/api/documents/${encodeURIComponent(id)}`, `/api/codes/${encodeURIComponent(id)}/rotate`, `/api/sessions/${encodeURIComponent(id)}/codes`]) {
        const res = await send(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        expectClean(res, `${method} ${path}`);
        if (res.status >= 400) expect([400, 401, 403, 404, 405, 409, 413, 415]).toContain(res.status);
      }
    }), { numRuns: RUNS });
  });

  it('uploads survive broken multipart bodies and hostile file names, writing nothing outside the store', async () => {
    const before = new Set(listFiles(t.dir).filter((f) => !f.startsWith('objects')));
    const pdf = new TextDecoder('latin1').decode(makePdf('x'));
    const body = fc.record({
      boundary: fc.constantFrom('b0undary', 'x'.repeat(70), 'weird;"b"'),
      declared: fc.constantFrom('b0undary', 'other', '', 'x'.repeat(70)),
      name: nasty,
      headerPad: fc.nat({ max: 20_000 }),
      content: fc.constantFrom('', pdf, 'MZ\x90\x00', pdf.slice(0, 40)),
      cut: fc.option(fc.nat({ max: 400 }), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(body, async (b) => {
      let raw = `--${b.boundary}\r\nContent-Disposition: form-data; name="file"; filename="${b.name.replace(/"/g, '')}"\r\nX-Pad: ${'a'.repeat(b.headerPad)}\r\nContent-Type: application/pdf\r\n\r\n${b.content}\r\n--${b.boundary}--\r\n`;
      if (b.cut !== undefined) raw = raw.slice(0, b.cut);
      const bytes = Uint8Array.from(raw, (ch) => ch.charCodeAt(0) & 0xff);
      const res = await send(`/api/meetings/${ids.meeting}/documents`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${b.declared}` }, body: bytes });
      expectClean(res, JSON.stringify({ ...b, content: b.content.length, name: b.name.slice(0, 40) }));
      if (res.status >= 400) expect([400, 413, 415]).toContain(res.status);
    }), { numRuns: RUNS });
    const after = listFiles(t.dir).filter((f) => !f.startsWith('objects'));
    expect(after.filter((f) => !before.has(f) && !/qrhop\.db-(wal|shm)$/.test(f))).toEqual([]);
    // Every stored document name is clean: no path separators, no control characters.
    const docs = (await api.get(`/api/meetings/${ids.meeting}/documents`)).body.documents as { filename: string }[];
    for (const d of docs) expect(d.filename).not.toMatch(/[\\/\u0000-\u001f]/);
  });

  // Last: with real ids it deletes, rotates and logs out what the tests above rely on.
  it('every route of the app, with hostile path parameters, query strings and bodies, answers below 500', async () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path }));
    expect(routes.length).toBeGreaterThan(40);
    const body = fc.oneof(fc.json(), nasty, fc.constant(''));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), fc.array(nasty, { minLength: 3, maxLength: 3 }), nasty, body, async (route, params, query, raw) => {
      let i = 0;
      // Real ids half of the time, so the handlers get past the lookups.
      const real = [ids.meeting, ids.session, ids.doc, ids.code, ids.token];
      const path = route.path.replace(/:(\w+)|\*/g, () => encodeURIComponent(Math.random() < 0.5 ? real[i++ % real.length]! : params[i++ % 3]!));
      const res = await send(`${path}?x=${encodeURIComponent(query)}`, {
        method: route.method,
        ...(route.method !== 'GET' && route.method !== 'HEAD' && { headers: { 'content-type': 'application/json' }, body: raw }),
      });
      expectClean(res, `${route.method} ${path}`);
      // A logout ends the fuzzer's own login: log back in.
      if (path.startsWith('/api/auth/logout')) await api.login('admin@example.org', 'fuzzing-password');
    }), { numRuns: RUNS * 3 });
  });
});
