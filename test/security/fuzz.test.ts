import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { z } from 'zod';
import { codeInput, createUserInput, documentPatch, loginInput, meetingInput, meetingPatch, sessionDocumentsInput, sessionInput, sessionPatch } from '../../shared/schemas';
import { createNodeServer } from '../../server/runtime/node/node-delegate-lane';
import { ApiClient } from '../support/api-client';
import { listen, rawFetch } from '../support/raw-fetch';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf } from '../support/sample-files';

/**
 * Property-based abuse of every route family. Each hostile input has the answers it may get (a 200 for a
 * hostile id fails), never a 5xx, never a file written outside the store. Seeded and replayable: every
 * property runs from FUZZ_SEED (printed when a test fails; `FUZZ_SEED=<seed> npx vitest run
 * test/security/fuzz.test.ts` replays it, and fast-check shrinks the failing input).
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
fc.configureGlobal({ seed: SEED });

let t: NodeTestApp;
let api: ApiClient;
let ids: { meeting: string; session: string; doc: string; code: string; token: string; user: string };
/** A second meeting the body fuzzing may change as it likes (a valid PATCH can archive it). */
let spare: { meeting: string; session: string; doc: string };
let fuzzed = 0;
// The data dir sits alone in a folder of its own, so an escaped write shows up in the parent too.
const parent = mkdtempSync(join(tmpdir(), 'qrhop-fuzz-'));
const dataDir = join(parent, 'data');
let filesBefore: Set<string>;

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

const expectOneOf = (status: number, allowed: number[], what: string) => expect(allowed, `${what} answered ${status}`).toContain(status);

// Vietnamese text, control characters, traversal pieces, long runs.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('../', '..\\..\\', '%2e%2e%2f', '\u0000', '\r\n', 'Hội nghị Ban Chấp hành'.normalize('NFD'), 'Đ'.repeat(1000), '<script>', "'; drop table users; --"),
);
/** A hostile id: never one the server made (ids are 16 or 22 random URL-safe characters). */
const hostileId = nasty.filter((s) => s.length > 0 && s !== '.' && s !== '..');

beforeAll(async () => {
  mkdirSync(dataDir);
  filesBefore = new Set(listFiles(parent));
  t = await makeNodeApp({ dir: dataDir, settings: { maxUploadBytes: 256 * 1024 } });
  await t.addUser({ email: 'admin@example.org', name: 'Admin', password: 'fuzzing-password', role: 'admin' });
  api = new ApiClient(t.fetch);
  await api.login('admin@example.org', 'fuzzing-password');
  const user = (await api.get('/api/me')).body.user.id as string;
  const made = [];
  for (const title of ['Fuzz', 'Fuzz (spare)']) {
    const meeting = (await api.post('/api/meetings', { title })).body.meeting;
    const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên' })).body.session;
    const doc = (await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'a.pdf', bytes: makePdf('a') }], { sessionId: session.id })).body.documents[0];
    await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
    const code = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0];
    made.push({ meeting: meeting.id, session: session.id, doc: doc.id, code: code.id, token: code.token });
  }
  ids = { ...made[0]!, user };
  spare = made[1]!;
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`fuzz: replay with FUZZ_SEED=${SEED} (FUZZ_RUNS=${RUNS})`));
});

afterAll(async () => {
  console.log(`fuzz: ${fuzzed} requests sent, seed ${SEED}`);
  await t.close();
  rmSync(parent, { recursive: true, force: true });
});

/** The four public request shapes, each with the only answers a hostile part of it may get. */
function publicCases(token: string, docId: string, query: string): [string, number[]][] {
  return [
    [`/s/${encodeURIComponent(token)}`, [404]], // an unknown code
    [`/s/${ids.token}/d/${encodeURIComponent(docId)}`, [404]], // an unknown document
    [`/s/${ids.token}?lang=${encodeURIComponent(query)}`, [200]], // an odd language falls back to Vietnamese
    [`/s/${ids.token}/d/${ids.doc}?download=${encodeURIComponent(query)}`, [200, 206, 416]], // the Range header is hostile too
  ];
}

// Generous per-test time: about 2,800 requests, on a CI machine whose two cores the rest of the suite shares.
describe('fuzzing', { timeout: 180_000 }, () => {
  it('public routes answer hostile tokens, ids, query strings and headers with exactly the expected status', async () => {
    await fc.assert(fc.asyncProperty(hostileId, hostileId, nasty, nasty, async (token, docId, query, header) => {
      const h = { 'accept-language': header.replace(/[^\t\x20-\x7e]/g, ''), range: `bytes=${header.replace(/[^\x20-\x7e]/g, '')}`, 'if-none-match': header.replace(/[^\x20-\x7e]/g, '') };
      for (const [path, allowed] of publicCases(token, docId, query)) expectOneOf((await send(path, { headers: h })).status, allowed, path);
    }), { numRuns: RUNS });
  });

  it('the same, over HTTP through the Node server, whose direct lane answers pages and documents', async () => {
    const server = await listen(createNodeServer(t.deps, t.app.fetch));
    try {
      await fc.assert(fc.asyncProperty(hostileId, hostileId, nasty, nasty, async (token, docId, query, header) => {
        const h = { 'accept-language': header.replace(/[^\t\x20-\x7e]/g, ''), range: `bytes=${header.replace(/[^\x20-\x7e]/g, '')}`, 'if-none-match': header.replace(/[^\x20-\x7e]/g, ''), cookie: `qrhop_d=${header.replace(/[^\x21-\x7e]|;/g, '')}; qrhop_lang=${encodeURIComponent(query)}` };
        for (const [path, allowed] of publicCases(token, docId, query)) {
          fuzzed++;
          expectOneOf((await rawFetch(server.base + path, { headers: h })).status, allowed, path);
        }
      }), { numRuns: RUNS });
      // Odd request lines and Host headers, as raw bytes: the lane only takes what it can read plainly.
      const targets: [string, number[]][] = [
        [`/s/${ids.token}`, [200]], [`/s/${ids.token}/d/${ids.doc}`, [200]], [`/s/${ids.token}/../../etc/passwd`, [404]], [`/s/${ids.token}%00`, [404]],
        [`/s/${ids.token}?lang=en&lang=vi`, [200]], ['/s/', [404]], [`//s/${ids.token}`, [404]], [`/s/${ids.token}#x`, [200, 404]],
      ];
      const hosts = ['127.0.0.1', 'EXAMPLE.VN', '[::1]:3000', 'a b', 'evil.example/path', '', 'x'.repeat(300), 'qr.example.vn:99999'];
      for (const [target, allowed] of targets) {
        for (const host of hosts) {
          fuzzed++;
          const status = await rawStatus(server.base, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
          // Node's parser refuses a Host it cannot read with 400; otherwise the target decides.
          expectOneOf(status, [...allowed, 400], `${target} Host: ${host}`);
        }
      }
      expect((await rawFetch(`${server.base}/s/${ids.token}`)).status).toBe(200); // still serving
    } finally {
      await server.close();
    }
  });

  it('organizer routes answer a body their schema refuses with 400, and only a valid one with a 2xx', async () => {
    const routes: [string, string, z.ZodType, number[]][] = [
      ['POST', '/api/meetings', meetingInput, [201]],
      ['PATCH', `/api/meetings/${spare.meeting}`, meetingPatch, [200, 400, 409]],
      ['POST', `/api/meetings/${spare.meeting}/sessions`, sessionInput, [201, 400]],
      ['PATCH', `/api/sessions/${spare.session}`, sessionPatch, [200, 400]],
      ['PUT', `/api/sessions/${spare.session}/documents`, sessionDocumentsInput, [200, 400, 404, 409]],
      ['PATCH', `/api/documents/${spare.doc}`, documentPatch, [200, 400, 409]],
      ['POST', `/api/sessions/${spare.session}/codes`, codeInput, [201, 400]],
      ['POST', '/api/users', createUserInput, [201, 409]],
      ['POST', '/api/auth/login', loginInput, [401, 429]],
      ['POST', `/api/meetings/${spare.meeting}/members`, z.object({ userId: z.string().min(1).max(64) }), [201, 404]],
    ];
    const body = fc.oneof(fc.json(), fc.anything().map((v) => JSON.stringify(v) ?? 'null'), nasty);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, path, schema, whenValid], raw) => {
      let valid = false;
      try {
        valid = schema.safeParse(JSON.parse(raw)).success;
      } catch {
        // not JSON: refused as such
      }
      const res = await send(path, { method, headers: { 'content-type': 'application/json' }, body: raw });
      expectOneOf(res.status, valid ? whenValid : [400], `${method} ${path} ${raw.slice(0, 80)} (valid: ${valid})`);
      if (path === '/api/auth/login') await api.login('admin@example.org', 'fuzzing-password').catch(() => undefined);
    }), { numRuns: RUNS * 2 });
  });

  it('organizer routes answer a hostile id with 404 (400 for a refused body), never a 2xx', async () => {
    await fc.assert(fc.asyncProperty(hostileId, fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST', 'PUT'), async (id, method) => {
      for (const path of [`/api/meetings/${encodeURIComponent(id)}`, `/api/documents/${encodeURIComponent(id)}`, `/api/codes/${encodeURIComponent(id)}/rotate`, `/api/sessions/${encodeURIComponent(id)}/codes`]) {
        const res = await send(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        expectOneOf(res.status, [400, 404], `${method} ${path}`);
      }
    }), { numRuns: RUNS });
  });

  it('uploads survive broken multipart bodies and hostile file names, writing nothing outside the store', async () => {
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
      // Only a complete part that starts like a PDF, under the declared boundary, may be stored.
      const whole = b.content.startsWith('%PDF-') && b.declared === b.boundary && (b.cut === undefined || b.cut >= raw.length);
      if (b.cut !== undefined) raw = raw.slice(0, b.cut);
      const bytes = Uint8Array.from(raw, (ch) => ch.charCodeAt(0) & 0xff);
      const res = await send(`/api/meetings/${ids.meeting}/documents`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${b.declared}` }, body: bytes });
      expectOneOf(res.status, whole ? [201, 400, 413] : [400, 413, 415], JSON.stringify({ ...b, content: b.content.length, name: b.name.slice(0, 40) }));
    }), { numRuns: RUNS });
    expectNoEscapedWrites();
    // Every stored document name is clean: no path separators, no control characters.
    const docs = (await api.get(`/api/meetings/${ids.meeting}/documents`)).body.documents as { filename: string }[];
    for (const d of docs) expect(d.filename).not.toMatch(/[\\/\u0000-\u001f]/);
  });

  // Last: with real ids it deletes, rotates and logs out what the tests above rely on.
  it('every route of the app, with hostile path parameters, query strings and bodies: a hostile id gets a 4xx, nothing a 5xx', async () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path }));
    expect(routes.length).toBeGreaterThan(40);
    // The real id each parameter takes, by the route it is in.
    const realFor = (path: string, name: string): string => {
      if (name === 'token') return ids.token;
      if (name === 'documentId') return ids.doc;
      if (name === 'userId') return ids.user;
      if (name === 'name') return 'live.js';
      const family = /^\/api\/(\w+)\//.exec(path)?.[1];
      return { meetings: ids.meeting, sessions: ids.session, documents: ids.doc, codes: ids.code, users: ids.user }[family ?? ''] ?? ids.meeting;
    };
    const body = fc.oneof(fc.json(), nasty, fc.constant(''));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), fc.array(fc.tuple(fc.boolean(), hostileId), { minLength: 3, maxLength: 3 }), nasty, body, async (route, params, query, raw) => {
      let i = 0;
      let hostile = false;
      // Real ids half of the time, so the handlers get past the lookups.
      const path = route.path.replace(/:(\w+)|\*/g, (whole, name?: string) => {
        const [real, value] = params[i++ % 3]!;
        if (!name) return encodeURIComponent(value); // the console's wildcard: any path is the app's page
        if (!real) hostile = true;
        return encodeURIComponent(real ? realFor(route.path, name) : value);
      });
      const res = await send(`${path}?x=${encodeURIComponent(query)}`, {
        method: route.method,
        ...(route.method !== 'GET' && route.method !== 'HEAD' && { headers: { 'content-type': 'application/json' }, body: raw }),
      });
      // Removing someone who is not a member is already done (DELETE is idempotent): 204, the one 2xx a hostile id may get.
      // The test scan's ping is a reachability probe that reads nothing (server/test-scan/routes.ts): 204 for any token.
      const idempotent = (route.method === 'DELETE' && route.path.endsWith('/members/:userId') && !path.includes(`/members/${ids.user}`)) || route.path.endsWith('/:token/ping') ? [204] : [];
      if (hostile) expectOneOf(res.status, [400, 404, 415, ...idempotent], `${route.method} ${path}`);
      else expect(res.status, `${route.method} ${path}`).toBeLessThan(500);
      // A logout ends the fuzzer's own login: log back in.
      if (path.startsWith('/api/auth/logout')) await api.login('admin@example.org', 'fuzzing-password');
    }), { numRuns: RUNS * 3 });
    expectNoEscapedWrites();
  });
});

/** Nothing new in the data dir's parent or the data dir but the database files and the store's objects. */
function expectNoEscapedWrites() {
  const added = listFiles(parent).filter((f) => !filesBefore.has(f));
  const outside = added.filter((f) => !/^data(\/objects(\/.*)?|\/qrhop\.db(-wal|-shm)?)?$/.test(f));
  expect(outside).toEqual([]);
  expect(added.filter((f) => f.includes('..'))).toEqual([]);
}
