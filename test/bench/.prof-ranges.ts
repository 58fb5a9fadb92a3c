import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startBareServer } from './child-processes';
import { newDeviceId, PHONE_HEADERS, runLoad } from './load';
import { rawGet } from './raw-get';
import { ADMIN, BIG_DOCUMENT_BYTES, seedMeeting } from './seed-meeting';

const which = process.argv[2] ?? 'ranges';
const work = mkdtempSync(join(tmpdir(), 'qrhop-prof-'));
const port = 3999;
const child = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), ...(process.env.NOSEMI ? [] : ['--max-semi-space-size=4']), '--import', 'tsx', 'server/node.ts'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: join(work, 'data'), QRHOP_ADMIN_EMAIL: ADMIN.email, QRHOP_ADMIN_PASSWORD: ADMIN.password }, stdio: 'inherit',
});
for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 100)); }
const server = { url: `http://127.0.0.1:${port}`, child, stop: () => new Promise((r) => { child.on('exit', r); child.kill('SIGTERM'); }) };
const seed = await seedMeeting(server.url, join(work, 'big.pdf'));
const RANGE = 256 * 1024;
let next = 0;
const url = which === 'page' ? `${server.url}/s/${seed.token}` : `${server.url}/s/${seed.token}/d/${seed.bigDocumentId}`;
const requests = which === 'ranges' ? [{ setupRequest: (req: { headers?: Record<string, string> }) => { const s = (next++ * RANGE) % BIG_DOCUMENT_BYTES; return { ...req, headers: { ...req.headers, range: `bytes=${s}-${s + RANGE - 1}` } }; } }] : undefined;
const cookie = `qrhop_d=${newDeviceId()}`;
const page = await rawGet(server.url + `/s/${seed.token}`, { ...PHONE_HEADERS, cookie });
const doc = await rawGet(server.url + `/s/${seed.token}/d/${seed.bigDocumentId}`, { ...PHONE_HEADERS, cookie });
const bare = process.env.PROFBARE ? await (async () => {
  const cfg = join(work, 'bare.json');
  writeFileSync(cfg, JSON.stringify({ page: { headers: page.headers, bodyBase64: page.body.toString('base64') }, document: { path: seed.bigDocumentPath, headers: doc.headers } }));
  const c = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/profbare', '--import', 'tsx', 'test/bench/bare-server.ts', cfg], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((r) => c.stdout!.on('data', (d) => { const m = /listening (\d+)/.exec(String(d)); if (m) r(Number(m[1])); }));
  return { url: `http://127.0.0.1:${port}`, pid: c.pid!, stop: () => new Promise<void>((r) => { c.on('exit', () => r()); c.kill('SIGTERM'); }) };
})() : await startBareServer({ page: { headers: page.headers, bodyBase64: page.body.toString('base64') }, document: { path: seed.bigDocumentPath, headers: doc.headers } }, join(work, 'bare.json'));
const bareUrl = url.replace(server.url, bare.url);
const conns = which === 'page' ? 100 : 10;
await runLoad({ url, connections: conns, duration: 2 });
await runLoad({ url: bareUrl, connections: conns, duration: 1 });
const rounds = Number(process.env.ROUNDS ?? 3);
const threads = (pid: number) => {
  const out: Record<string, number> = {};
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
    const comm = t === String(pid) ? "main" : "other";
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out[comm] = (out[comm] ?? 0) + Number(f[11]) + Number(f[12]);
  }
  return out;
};
const diff = (a: Record<string, number>, b: Record<string, number>, n: number) => Object.entries(b).map(([k, v]) => `${k}=${(((v - (a[k] ?? 0)) * 10000) / n).toFixed(0)}µs`).join(' ');
for (let i = 0; i < rounds; i++) {
  const t0 = threads(server.child.pid!); const b0 = threads(bare.pid);
  const r = await runLoad({ url, connections: conns, duration: 4, serverPid: server.child.pid, ...(requests && { requests }) });
  const b = await runLoad({ url: bareUrl, connections: conns, duration: 4, serverPid: bare.pid, ...(requests && { requests }) });
  console.log('  qrhop threads', diff(t0, threads(server.child.pid!), r.ok + r.non2xx), '\n  bare threads', diff(b0, threads(bare.pid), b.ok + b.non2xx));
  console.log(which, `qrhop ${r.rps.toFixed(0)} req/s ${r.cpuPerRequest.toFixed(0)} µs/req | bare ${b.rps.toFixed(0)} req/s ${b.cpuPerRequest.toFixed(0)} µs/req | ratio ${(r.rps / b.rps).toFixed(2)}`);
}
await bare.stop();
await server.stop();
