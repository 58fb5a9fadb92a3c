/**
 * Section 8 of `npm run bench` (`npm run bench -- --only=8`): QRHop on Workers under
 * `wrangler dev` (local workerd, D1, R2, Durable Objects). The delegate page against a bare
 * Worker returning the same bytes with the same headers, served by another `wrangler dev` in
 * the same run, and the D1 statements 1,000 views cost (counted by a proxy on the D1 binding:
 * workers-bench-entry.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bestOfAlternating, newDeviceId, PHONE_HEADERS, runLoad } from './load';
import { rawGet } from './raw-get';
import { fmt, type Row } from './report';
import { ADMIN, seedMeeting, type SeededMeeting } from './seed-meeting';

export const WORKERS_TARGET = { pageRatio: 0.5, writesPer1000Views: 20 };
const APP_PORT = 8791;
const BARE_PORT = 8792;
const WRANGLER = resolve('node_modules/.bin/wrangler');
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' };

/** wrangler.toml with absolute paths, the bench entry as main and a stand-in console (no build needed). */
function benchConfig(dir: string): string {
  const root = resolve('.');
  const toml = readFileSync('wrangler.toml', 'utf8')
    .replace(/^main = .*$/m, `main = "${join(root, 'test/bench/workers-bench-entry.ts')}"`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${join(root, 'drizzle')}"`)
    .replace(/^directory = "web\/dist"$/m, `directory = "${join(root, 'test/workers/fixtures/console')}"`);
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, toml);
  return path;
}

// The tail of each wrangler dev's output, shown when the section fails.
const outputs = new Map<number, string>();

async function startWrangler(args: string[], port: number, log: (line: string) => void): Promise<ChildProcess> {
  const child = spawn(WRANGLER, ['dev', '--port', String(port), '--ip', '127.0.0.1', ...args], { env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Everything but the request log lines of answered requests.
  const keep = (d: Buffer) => {
    const lines = d.toString().split('\n').filter((l) => l.trim() && !/\[wrangler:info\] [A-Z]+ \S+ [23]\d\d /.test(l));
    output = (output + lines.join('\n') + (lines.length ? '\n' : '')).slice(-6000);
    outputs.set(port, output);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited: ${output.slice(-2000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`wrangler dev on :${port} ready`);
  return child;
}

const stop = (child?: ChildProcess) =>
  new Promise<void>((done) => {
    if (!child || child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });

/** A Worker that answers every request with the given status, headers and (already encoded) bytes. */
function bareWorker(dir: string, page: { status: number; headers: Record<string, string>; body: Buffer }): string {
  const path = join(dir, 'bare-worker.js');
  writeFileSync(path, `
const body = Uint8Array.from(atob(${JSON.stringify(page.body.toString('base64'))}), (c) => c.charCodeAt(0));
const headers = ${JSON.stringify(page.headers)};
export default { fetch() { return new Response(body, { status: ${page.status}, headers, encodeBody: 'manual' }); } };
`);
  const config = join(dir, 'bare.toml');
  writeFileSync(config, `name = "bare"\nmain = "${path}"\ncompatibility_date = "2026-04-20"\n`);
  return config;
}

/**
 * Publishing queued the meeting's background jobs (page counts, the meeting book); the one
 * that finishes the book changes the page (its entry), which is then built again from D1.
 * The views are counted once the book is built and the page's ETag has held for two seconds.
 */
async function untilSettled(seed: SeededMeeting, pageUrl: string, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last: string | null = null;
  let held = 0;
  while (held < 2) {
    if (Date.now() > deadline) throw new Error('the meeting book was not built within 120 s');
    const books = (await seed.admin.get(`/api/meetings/${seed.meetingId}/books`)).body as { building: boolean; books: unknown[] };
    const res = await fetch(pageUrl, { headers: { ...PHONE_HEADERS, cookie: `qrhop_d=${newDeviceId()}` } });
    await res.arrayBuffer();
    const etag = res.headers.get('etag');
    held = !books.building && books.books.length > 0 && etag === last ? held + 1 : 0;
    last = etag;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('8. Workers: the meeting book is built and the page has settled');
}

export async function workersSection(rows: Row[], log: (line: string) => void): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-bench-workers-'));
  let app: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  let ok = true;
  try {
    const config = benchConfig(dir);
    const persist = join(dir, 'state');
    log('7. Workers: applying the migrations to a local D1, starting wrangler dev…');
    const migrate = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'qrhop', '--local', '--persist-to', persist, '--config', config], { env: quietEnv, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrations: ${migrate.stdout}${migrate.stderr}`);
    app = await startWrangler(['--config', config, '--persist-to', persist,
      '--var', 'QRHOP_SECRET:bench-only-secret-0123456789abcdefghij', '--var', `QRHOP_ADMIN_EMAIL:${ADMIN.email}`, '--var', `QRHOP_ADMIN_PASSWORD:${ADMIN.password}`], APP_PORT, log);
    const base = `http://127.0.0.1:${APP_PORT}`;
    // Multipart bodies sent with their length, as browsers do (wrangler dev's local R2 refuses a
    // streamed upload of unknown length past its first part).
    // A pooled connection wrangler dev has just closed fails the write at once (EPIPE) before
    // the Worker sees anything: that upload is sent again, on a new connection.
    const seed = await seedMeeting(base, join(dir, 'big.pdf'), async (path, init) => {
      if (!(init?.body instanceof FormData)) return fetch(base + path, init);
      const framed = new Request(base + path, { method: init.method, body: init.body });
      const headers = new Headers(init.headers);
      headers.set('content-type', framed.headers.get('content-type')!);
      const body = await framed.arrayBuffer();
      for (let attempt = 1; ; attempt++) {
        try {
          return await fetch(base + path, { method: init.method, headers, body });
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code;
          if (attempt === 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
        }
      }
    });
    const pageUrl = `${base}/s/${seed.token}`;
    await untilSettled(seed, pageUrl, log);
    const page = await rawGet(pageUrl, { ...PHONE_HEADERS, cookie: `qrhop_d=${newDeviceId()}` });
    if (page.status !== 200) throw new Error(`page: ${page.status}`);
    bare = await startWrangler(['--config', bareWorker(dir, page)], BARE_PORT, log);

    // D1 statements per 1,000 views of an unchanged page (the page is built: the view above).
    const d1 = async () => (await (await fetch(`${base}/__bench/d1`)).json()) as { reads: number; writes: number; statements: Record<string, number> };
    await new Promise((r) => setTimeout(r, 1000)); // the first view's event is flushed
    const before = await d1();
    let viewed = 0;
    let failedViews = 0;
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, async () => {
        try {
          const res = await fetch(pageUrl, { headers: { ...PHONE_HEADERS, cookie: `qrhop_d=${newDeviceId()}` }, signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.status === 200) viewed += 1;
          else failedViews += 1;
        } catch {
          failedViews += 1;
        }
      }));
    }
    await new Promise((r) => setTimeout(r, 1500)); // the last alarm has fired
    const after = await d1();
    const reads = after.reads - before.reads;
    const writes = after.writes - before.writes;
    const which = Object.entries(after.statements).map(([sql, n]) => [sql, n - (before.statements[sql] ?? 0)] as const).filter(([, n]) => n > 0);
    for (const [sql, n] of which) log(`8. D1 during the 1,000 views: ${n} × ${sql}`);
    rows.push({ section: '8', measure: 'Workers: 1,000 views (50 at a time) answered 200', qrhop: String(viewed), target: '1000', pass: viewed === 1000 });
    ok &&= failedViews === 0;
    rows.push({ section: '8', measure: 'Workers: D1 reads per 1,000 views (unchanged page)', qrhop: String(reads), target: '0', pass: reads === 0 });
    rows.push({ section: '8', measure: 'Workers: D1 write statements per 1,000 views', qrhop: String(writes), target: `≤ ${WORKERS_TARGET.writesPer1000Views}`, pass: writes <= WORKERS_TARGET.writesPer1000Views });
    ok &&= reads === 0 && writes <= WORKERS_TARGET.writesPer1000Views;

    log(`8. Workers: delegate page (${page.body.length} bytes ${page.headers['content-encoding'] ?? 'identity'}), 20 connections, against a bare Worker…`);
    await runLoad({ url: pageUrl, connections: 20, duration: 2 }); // warm-up
    await runLoad({ url: `http://127.0.0.1:${BARE_PORT}/s/${seed.token}`, connections: 20, duration: 1 });
    // Three alternating rounds, the best of each side: two shared cores make single runs noisy.
    const { a, b } = await bestOfAlternating(3,
      () => runLoad({ url: pageUrl, connections: 20, duration: 5 }),
      () => runLoad({ url: `http://127.0.0.1:${BARE_PORT}/s/${seed.token}`, connections: 20, duration: 5 }));
    const ratio = a.rps / b.rps;
    rows.push({ section: '8', measure: 'Workers: delegate page req/s (wrangler dev, 20 conn.)', qrhop: fmt.int(a.rps), baseline: fmt.int(b.rps), ratio: fmt.ratio(ratio), target: `≥ ${WORKERS_TARGET.pageRatio}×`, pass: ratio >= WORKERS_TARGET.pageRatio });
    rows.push({ section: '8', measure: 'Workers: delegate page p50 / p99 ms', qrhop: `${a.p50} / ${a.p99}`, baseline: `${b.p50} / ${b.p99}` });
    const errors = a.errors + a.non2xx;
    rows.push({ section: '8', measure: 'Workers: errors and non-2xx answers', qrhop: String(errors), target: '0', pass: errors === 0 });
    ok &&= errors === 0;
  } catch (error) {
    ok = false;
    throw error;
  } finally {
    if (!ok) for (const [port, output] of outputs) log(`wrangler dev :${port} said:\n${output}`);
    await stop(bare);
    await stop(app);
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}
