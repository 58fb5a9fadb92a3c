/**
 * wrangler.toml sets no `nodejs_compat` flag: nothing the Worker runs needs Node's
 * APIs (Node-only code lives in server/runtime/node/, and the import rules keep it
 * there). The Workers suite cannot show that: its test runner turns Node
 * compatibility on by itself. So this builds the deployable bundle the way
 * `wrangler deploy` does and runs the core API scenarios on it in workerd, with
 * wrangler.toml's compatibility date and flags only.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/auth/users';
import type { Db } from '../../server/db/database';
import * as schema from '../../server/db/schema';
import { PDFDocument } from 'pdf-lib';
import { defineCoreScenarios, type Harness } from '../scenarios/core-api.scenarios';
import { ApiClient } from '../support/api-client';
import { makeDocx, makePagesPdf, makePng } from '../support/reader-files';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!;
const flagsLine = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml);
const compatibilityFlags = flagsLine ? [...flagsLine[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];

// The workerd wrapper wrangler itself runs `wrangler dev` with (its own miniflare, matching its bundles).
const { Miniflare } = createRequire(createRequire(import.meta.url).resolve('wrangler/package.json'))('miniflare') as typeof import('miniflare');
type Miniflare = InstanceType<typeof Miniflare>;

const work = join(tmpdir(), `qrhop-bundle-${process.pid}`);
let mf: Miniflare | undefined;
let bundle: Harness | undefined;
afterAll(async () => {
  await mf?.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** `wrangler deploy --dry-run`: the same bundle a deploy uploads (esbuild, wrangler.toml's rules). */
async function buildBundle(): Promise<string> {
  const out = join(work, 'bundle');
  mkdirSync(work, { recursive: true });
  // A copy of wrangler.toml next to the repo's files, with the test console standing in for web/dist.
  const config = join(ROOT, '.tmp', `wrangler-bundle-${process.pid}.toml`);
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(config, toml
    .replace(/^main = "(.*)"/m, 'main = "../$1"')
    .replace(/^directory = "web\/dist"/m, 'directory = "../test/workers/fixtures/console"')
    .replace(/^migrations_dir = "(.*)"/m, 'migrations_dir = "../$1"'));
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out, '-c', config], {
      cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    });
  } finally {
    rmSync(config, { force: true });
  }
  return out;
}

describe('the deployable Worker bundle', () => {
  it('is built with wrangler.toml\'s flags, which do not include nodejs_compat', () => {
    expect(compatibilityFlags).not.toContain('nodejs_compat');
    expect(compatibilityFlags).not.toContain('nodejs_compat_v2');
  });
});

defineCoreScenarios('Workers bundle without nodejs_compat', async () => {
  const out = await buildBundle();
  const source = readFileSync(join(out, 'worker.js'), 'utf8');
  // Nothing in the bundle asks for a node: module (it would fail to load without the flag).
  expect(source).not.toMatch(/(?:from|import\(|require\()\s*["']node:/);
  mf = new Miniflare({
    // The bundle and the font files it imports as Data modules, as wrangler uploads them.
    modulesRoot: out,
    modules: [
      { type: 'ESModule', path: join(out, 'worker.js') },
      ...readdirSync(out).filter((f) => f.endsWith('.ttf')).map((f) => ({ type: 'Data', path: join(out, f) })),
    ],
    compatibilityDate,
    compatibilityFlags,
    d1Databases: ['DB'],
    r2Buckets: ['DOCUMENTS'],
    bindings: { QRHOP_SECRET: 'test-secret-for-the-bundle-test-0123456789', MAX_UPLOAD_MB: '1', RETENTION_DAYS: '365' },
  } as never);
  const d1 = await mf.getD1Database('DB');
  const migrations = readdirSync(join(ROOT, 'drizzle')).filter((f) => f.endsWith('.sql')).sort();
  for (const file of migrations) {
    for (const statement of readFileSync(join(ROOT, 'drizzle', file), 'utf8').split('--> statement-breakpoint')) {
      if (statement.trim()) await d1.prepare(statement).run();
    }
  }
  const db = drizzle(d1 as never, { schema }) as unknown as Db;
  const origin = 'https://qr.example.vn';
  return (bundle = {
    maxUploadBytes: 1024 * 1024,
    fetch: async (path, init) => {
      // Node's own Request encodes a FormData body (multipart, with its boundary) before it crosses to workerd.
      const request = new Request(new URL(path, origin), init);
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
      const res = await mf!.dispatchFetch(request.url, { method: request.method, headers: [...request.headers], body, redirect: 'manual' } as never);
      return new Response(res.status === 204 || res.status === 304 || request.method === 'HEAD' ? null : new Uint8Array(await res.arrayBuffer()), { status: res.status, headers: [...res.headers] as [string, string][] });
    },
    addUser: async (user) => void (await addUser(db, user, Date.now())),
  });
});

describe('the deployable Worker bundle, beyond the core scenarios', () => {
  it('prints the PDF sheets (fontkit, pdf-lib, the bundled fonts) without Node APIs', async () => {
    const admin = new ApiClient(bundle!.fetch);
    await bundle!.addUser({ email: 'print@example.org', name: 'In ấn', password: 'correct horse battery', role: 'admin' });
    await admin.login('print@example.org', 'correct horse battery');
    const meeting = (await admin.post('/api/meetings', { title: 'Kỳ họp thứ 9 Hội đồng nhân dân' })).body.meeting;
    for (const layout of ['a4', 'tent', 'grid']) {
      const res = await admin.fetch(`/api/meetings/${meeting.id}/sheets.pdf?layout=${layout}&meeting=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect((await PDFDocument.load(new Uint8Array(await res.arrayBuffer()))).getPageCount()).toBeGreaterThan(0);
    }
  });

  it('makes a .docx reader (mammoth, sanitize-html) after the upload and checks uploaded PDF pages (pdf-lib, image-size) without Node APIs', async () => {
    const organizer = new ApiClient(bundle!.fetch);
    await bundle!.addUser({ email: 'reader@example.org', name: 'Bản đọc', password: 'correct horse battery', role: 'organizer' });
    await organizer.login('reader@example.org', 'correct horse battery');
    const meeting = (await organizer.post('/api/meetings', { title: 'Kỳ họp chuyên đề' })).body.meeting;
    const docx = await makeDocx({ heading: 'Tờ trình về dự toán ngân sách năm 2027', paragraphs: ['Kính gửi: Hội đồng nhân dân tỉnh'], cells: ['Chỉ tiêu', 'Dự toán'] });
    expect((await organizer.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Tờ trình.docx', bytes: docx, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }])).status).toBe(201);
    const pdf = await organizer.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Phụ lục.pdf', bytes: await makePagesPdf(1), type: 'application/pdf' }]);
    const pdfId = pdf.body.documents[0].id;
    // The Word job runs in waitUntil after the answer; the PDF is marked for the console.
    await expect.poll(async () => (await organizer.get(`/api/meetings/${meeting.id}/renditions`)).body.documents.map((d: { status: string; renderer: string | null }) => [d.status, d.renderer]), { timeout: 20_000 })
      .toEqual([['ready', 'mammoth'], ['unavailable', null]]);
    expect((await organizer.post(`/api/documents/${pdfId}/versions/1/rendition`, { pages: 1, renderer: 'browser-pdfjs' })).body).toMatchObject({ expected: 1, pageCountFrom: 'server' });
    const form = new FormData();
    form.append('image', new File([(await makePng(860, 1216)) as Uint8Array<ArrayBuffer>], 'p1'));
    form.append('text', 'Trang 1');
    const put = await organizer.fetch(`/api/documents/${pdfId}/versions/1/rendition/pages/1`, { method: 'PUT', body: form });
    expect(await put.json()).toMatchObject({ pagesDone: 1, status: 'ready' });
  });
});
