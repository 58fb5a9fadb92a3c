// TLS_CERT/TLS_KEY: the Node server answers HTTPS, so a phone reaching it by a LAN address
// gets a secure context: the service worker registers (offline re-reading) and cookies are Secure.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { freePort } from '../support/start-server';
import { ANDROID_UA, ROOT } from './console-harness';

// Over plain http this address would not be a secure context; 127.0.0.1 always is, so it is only a fallback.
const HOSTNAME = Object.values(networkInterfaces()).flat().find((n) => n && n.family === 'IPv4' && !n.internal)?.address ?? '127.0.0.1';
const ADMIN = { email: 'admin@example.org', password: 'mat-khau-quan-tri-https' };

let dir: string;
let cert: Buffer;
let base: string;
let child: ChildProcess;
let output = '';
let browser: Browser;

/** An HTTPS request trusting only the test's own certificate (no verification switched off). */
function get(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers, ca: cert, servername: 'qrhop.test' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qrhop-tls-'));
  // A self-signed certificate made here, for the address the phones use.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=qrhop.test',
    '-addext', `subjectAltName=DNS:qrhop.test,IP:${HOSTNAME}`], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  const port = await freePort();
  base = `https://${HOSTNAME}:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', 'server/runtime/node/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: HOSTNAME, DATA_DIR: join(dir, 'data'), PUBLIC_URL: '', TLS_CERT: join(dir, 'cert.pem'), TLS_KEY: join(dir, 'key.pem'), QRHOP_ADMIN_EMAIL: ADMIN.email, QRHOP_ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (!(await get('/healthz').then((r) => r.status === 200, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // Chromium trusts this one certificate only (by its public key hash), as a phone would once
  // the hall's certificate is real: with mere ignored errors it refuses to register a service worker.
  const spki = execFileSync('sh', ['-c', `openssl x509 -in '${join(dir, 'cert.pem')}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`], { encoding: 'utf8' }).trim();
  browser = await launchChromium([`--ignore-certificate-errors-spki-list=${spki}`]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
});

describe('HTTPS', () => {
  it('answers over TLS with the certificate it was given, guesses an https base URL, and sets Secure cookies', async () => {
    expect(output).toMatch(new RegExp(`For phones: +https://${HOSTNAME.replace(/\./g, '\\.')}:\\d+`));
    const login = await get('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(login.status).toBe(200);
    const session = String(login.headers['set-cookie']);
    expect(session).toMatch(/qrhop_session=.*; Secure/);
    const cookie = session.split(';')[0]!;
    const json = { 'content-type': 'application/json', cookie };
    const made = JSON.parse((await get('/api/meetings', { method: 'POST', headers: json, body: JSON.stringify({ title: 'Kỳ họp qua HTTPS' }) })).body);
    expect(made.codes[0].url).toMatch(new RegExp(`^${base}/s/`));
    await get(`/api/meetings/${made.meeting.id}/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'Phiên 1' }) });
    expect((await get(`/api/meetings/${made.meeting.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ status: 'published' }) })).status).toBe(200);
    // The delegate page, answered by the Node lane: its device cookie is Secure too.
    const page = await get(new URL(made.codes[0].url).pathname, { headers: { 'user-agent': ANDROID_UA } });
    expect(page.status).toBe(200);
    expect(String(page.headers['set-cookie'])).toMatch(/; Secure/);
    process.env.QRHOP_TLS_TEST_CODE = made.codes[0].url;
  });

  it(`a phone reaching ${HOSTNAME} over HTTPS is in a secure context and the service worker registers`, async () => {
    const context = await browser.newContext({ userAgent: ANDROID_UA, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(process.env.QRHOP_TLS_TEST_CODE!);
    await page.getByText('Phiên 1').first().waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), { timeout: 10_000 }).toBe(1);
    await context.close();
  });
});
