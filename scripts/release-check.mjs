#!/usr/bin/env node
// The release as a user gets it: `npm pack`, install the tarball into an empty folder with
// production dependencies only, start it with `qrhop start`, check /healthz, the console and a
// delegate page, a meeting book and a labelled copy (made on the PDF threads), stop it with SIGTERM and check the port is free. Prints install time and size
// (and what dominates it) and the start-up time. Reusable after dependencies change:
//   node scripts/release-check.mjs [--tarball qrhop-x.y.z.tgz] [--keep]
// Plain Node (no dependency), so it runs before and without the dev dependencies.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'qrhop-release-'));
const MB = 1024 * 1024;
const fail = (message) => {
  console.error(`release-check: FAIL: ${message}`);
  process.exit(1);
};

function sizeOf(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

const freePort = () => new Promise((done) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => done(port));
  });
});

// 1. The tarball (npm pack runs prepack: the console and the server are built then).
let tarball = args.includes('--tarball') ? resolve(args[args.indexOf('--tarball') + 1]) : '';
if (!tarball) {
  // The build first, on its own: prepack's output would otherwise mix with pack's JSON.
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  tarball = join(work, JSON.parse(out)[0].filename);
}
console.log(`release-check: tarball ${tarball} (${(statSync(tarball).size / 1024).toFixed(0)} KB)`);

// 2. Install into an empty folder, production dependencies only.
const app = join(work, 'app');
execFileSync('mkdir', ['-p', app]);
let t0 = Date.now();
execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: app, stdio: 'inherit' });
const installSeconds = (Date.now() - t0) / 1000;
const modules = join(app, 'node_modules');
const total = sizeOf(modules);
const parts = readdirSync(modules).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : [n]));
const largest = parts.map((name) => ({ name, bytes: sizeOf(join(modules, name)) })).sort((a, b) => b.bytes - a.bytes).slice(0, 8);
// Issue 16's target. The pure-JavaScript packages are bundled into dist/ at pack time
// (vite.server.config.ts), so only better-sqlite3 and sharp (native code) are installed: about
// 58 MB here, most of it better-sqlite3 compiled from source and sharp's libvips.
const LIMIT_MB = 100;
console.log(`release-check: install ${installSeconds.toFixed(0)} s, node_modules ${(total / MB).toFixed(1)} MB (limit ${LIMIT_MB} MB), ${parts.length} packages`);
console.log(`release-check: largest: ${largest.map((p) => `${p.name} ${(p.bytes / MB).toFixed(1)} MB`).join(', ')}`);
if (total >= LIMIT_MB * MB) fail(`the release installs in ${(total / MB).toFixed(1)} MB, over ${LIMIT_MB} MB`);
// Bundled, so never installed: one of these in node_modules means a runtime import escaped the bundle.
for (const bundled of ['pdf-lib', '@pdf-lib/fontkit', 'drizzle-orm', 'zod', 'hono', 'mammoth', 'pkijs', '@expo-google-fonts/be-vietnam-pro'])
  if (statSync(join(modules, bundled), { throwIfNoEntry: false })) fail(`${bundled} was installed, but it is bundled into dist/ (see vite.server.config.ts)`);
const installed = join(modules, 'qrhop');
for (const file of ['dist/THIRD-PARTY-NOTICES.txt', 'dist/fonts/BeVietnamPro_400Regular.ttf', 'dist/fonts/BeVietnamPro_700Bold.ttf', 'dist/fonts/OFL.txt'])
  if (!statSync(join(installed, file), { throwIfNoEntry: false })) fail(`${file} is missing from the package`);
// Every chunk loads with only what was installed (the S3 store's chunk imports the optional AWS
// SDK, absent on purpose): a package left out of the bundle and out of dependencies fails here,
// not on the first .docx or signed PDF a user uploads.
const chunks = readdirSync(join(installed, 'dist', 'chunks')).filter((n) => n.endsWith('.js') && !n.startsWith('s3-store'));
execFileSync(process.execPath, ['--input-type=module', '-e', `for (const f of ${JSON.stringify(chunks)}) await import(${JSON.stringify(join(installed, 'dist', 'chunks'))} + '/' + f);`], { cwd: app, stdio: 'inherit' });
console.log(`release-check: ${chunks.length} chunks of dist/ load with the installed packages only`);
for (const dev of ['tsx', 'vite', 'typescript', 'wrangler', 'vitest', 'preact']) if (statSync(join(modules, dev), { throwIfNoEntry: false })) fail(`${dev} (a dev dependency) was installed`);

// 3. Start it as a user would, from an empty working folder, and time until /healthz answers.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const admin = { email: 'admin@example.org', password: 'release-check-password' };
const cwd = join(work, 'run');
execFileSync('mkdir', ['-p', cwd]);
t0 = Date.now();
const child = spawn(join(modules, '.bin', 'qrhop'), ['start'], {
  cwd,
  env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', QRHOP_ADMIN_EMAIL: admin.email, QRHOP_ADMIN_PASSWORD: admin.password },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
for (;;) {
  if (child.exitCode !== null) fail(`qrhop start exited early:\n${output}`);
  if (Date.now() - t0 > 30_000) fail(`qrhop start did not answer /healthz in 30 s:\n${output}`);
  const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  if (ok) break;
  await new Promise((r) => setTimeout(r, 50));
}
const startSeconds = (Date.now() - t0) / 1000;
console.log(`release-check: started in ${startSeconds.toFixed(2)} s`);

// 4. The console, and a delegate page of a published meeting made through the API.
const consolePage = await fetch(`${base}/admin/`);
const html = await consolePage.text();
if (consolePage.status !== 200 || !html.includes('<script')) fail(`the console answered ${consolePage.status}`);
const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
if (!asset || (await fetch(base + asset)).status !== 200) fail('the console script is missing');
let cookie = '';
const call = async (method, path, body) => {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', cookie }, body: body && JSON.stringify(body) });
  const set = res.headers.getSetCookie()[0];
  if (set) cookie = set.split(';')[0];
  if (!res.ok) fail(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
};
await call('POST', '/api/auth/login', admin);
const { meeting, codes } = await call('POST', '/api/meetings', { title: 'Kỳ họp kiểm tra bản phát hành' });
const { session } = await call('POST', `/api/meetings/${meeting.id}/sessions`, { title: 'Phiên khai mạc', room: 'Phòng họp số 1' });
await call('PATCH', `/api/meetings/${meeting.id}`, { status: 'published' });
const page = await fetch(`${base}/s/${codes[0].token}`, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36' } });
const pageHtml = await page.text();
if (page.status !== 200 || !pageHtml.includes('Phiên khai mạc') || !pageHtml.includes('Phòng họp số 1')) fail(`the delegate page answered ${page.status}`);
const pdf = await fetch(`${base}/api/meetings/${meeting.id}/sheets.pdf?meeting=1`, { headers: { cookie } });
if (pdf.status !== 200 || !(await pdf.arrayBuffer()).byteLength) fail(`printing sheets answered ${pdf.status}`);
console.log('release-check: /healthz, the console, a delegate page and a PDF sheet answered');

// 4b. The meeting book and a labelled copy: pdf-lib runs on the PDF threads (dist/qrhop-pdf-thread.js).
const PAGES = 30;
const original = textPdf(PAGES);
const form = new FormData();
form.append('sessionId', session.id);
form.append('file', new File([original], 'To trinh kiem tra.pdf', { type: 'application/pdf' }));
const upload = await fetch(`${base}/api/meetings/${meeting.id}/documents`, { method: 'POST', headers: { cookie }, body: form });
if (upload.status !== 201) fail(`uploading a PDF answered ${upload.status}: ${await upload.text()}`);
const documentId = (await upload.json()).documents[0].id;
await call('PATCH', `/api/meetings/${meeting.id}`, { labelledCopies: true });
const bookDeadline = Date.now() + 60_000;
let built;
while (!(built = (await call('GET', `/api/meetings/${meeting.id}/books`)).books.find((b) => b.sessionId === null && b.pages === PAGES + 1))) {
  if (Date.now() > bookDeadline || child.exitCode !== null) fail(`no ${PAGES + 1}-page meeting book after 60 s:\n${output}`);
  await new Promise((r) => setTimeout(r, 200));
}
const delegateGet = async (path) => {
  const res = await fetch(base + path);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200 || new TextDecoder().decode(bytes.subarray(0, 5)) !== '%PDF-') fail(`${path} answered ${res.status} without a PDF`);
  // A labelled copy's ETag starts with "s- (stamps/labelled-copy.ts); the original's does not.
  if (!res.headers.get('etag')?.startsWith('"s-')) fail(`${path} was not stamped (ETag ${res.headers.get('etag')}):\n${output}`);
  return bytes;
};
const stampedBook = await delegateGet(`/s/${codes[0].token}/b`);
const stampedDoc = await delegateGet(`/s/${codes[0].token}/d/${documentId}`);
// The words themselves, when poppler is installed (it is where .ci/run runs this).
for (const [what, bytes] of [['book', stampedBook], ['document', stampedDoc]]) {
  const text = spawnSync('pdftotext', ['-l', '2', '-', '-'], { input: bytes, encoding: 'utf8' });
  if (!text.error && !text.stdout.includes('Bản cấp cho: mã chung')) fail(`the stamped ${what} does not say who it was given to`);
}
console.log(`release-check: a ${built.pages}-page meeting book was built and it and a document were stamped on the PDF threads`);

// 5. SIGTERM to the process `qrhop start` launched stops the server and frees the port.
child.kill('SIGTERM');
const { code } = await exited;
const stillOpen = await fetch(`${base}/healthz`).then(() => true, () => false);
if (code !== 0 || stillOpen) fail(`after SIGTERM: exit ${code}, port still answering: ${stillOpen}`);
console.log('release-check: SIGTERM stopped it (exit 0) and freed the port');
console.log(`release-check: OK — install ${installSeconds.toFixed(0)} s, ${(total / MB).toFixed(1)} MB, start-up ${startSeconds.toFixed(2)} s`);
if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`release-check: kept ${work}`);

/** A plain PDF of `pages` A4 pages, each with one line of Helvetica text (no dependency: built by hand). */
function textPdf(pages) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids = [];
  for (let p = 1; p <= pages; p++) {
    const content = `BT /F1 18 Tf 72 760 Td (Trang ${p} - to trinh kiem tra ban phat hanh) Tj ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
