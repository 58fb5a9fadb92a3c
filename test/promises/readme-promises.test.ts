// The README's numbers and security settings, each stated here as a literal and checked against what the
// product does: changing a limit, a timeout or a header without changing the README fails this file.
// Promises checked elsewhere, with the literal beside the check:
//   codes carry 128 random bits ............ server/ids.test.ts, test/scenarios/core-api.scenarios.ts
//   events every 250 ms, at most 2,000 ...... server/access/access-recorder.test.ts, test/crash/random-kill.crash.test.ts
//   page about 3 KB for 20 documents ........ test/delegate/refresh-and-weight.test.ts, test/e2e/delegate-page.test.ts
//   presigned URL valid 5 minutes ........... test/s3/redirect-download-s3.test.ts
//   PIN, login throttling, body limits ...... test/promises/readme-limits.test.ts (and test/security/pin-per-session.test.ts)
//   passwords: 10 characters, not common .... test/security/password-policy.test.ts, auth-hardening.test.ts
//   data dir 0700/0600 ...................... test/security/data-dir-modes.test.ts
//   dates 2000–2100, timeline ≤ 60 points ... test/security/bounded-inputs.test.ts
//   CSV formulas quoted, bidi removed ....... test/security/csv-and-bidi.test.ts
//   Secure cookies behind TRUST_PROXY ....... test/security/secure-cookies.test.ts
//   upload cap (413 naming the file) ........ test/scenarios/core-api.scenarios.ts
// Not stated in a test yet: the S3 multipart part size (8 MB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { MAX_PAGES, PAGE_WIDTH } from '../../server/reader/rendition-plan';
import { parseConfig } from '../../server/runtime/node/config';
import { parseWorkerConfig } from '../../server/runtime/workers/worker-config';
import { ApiClient } from '../support/api-client';
import { makeDelegateApp, PHONE_UA, TRANSPORTS, type DelegateApp } from '../delegate/delegate-harness';
import { parseCsp } from './csp';

const MB = 1024 * 1024;
const HOUR = 60 * 60 * 1000;

describe('README: Configuration (defaults)', () => {
  it('PORT 3000, HOST 0.0.0.0, DATA_DIR ./data, MAX_UPLOAD_MB 200, STORAGE local, DOWNLOAD_MODE redirect, RETENTION_DAYS 365, PUBLIC_URL http://<first LAN address>:<PORT>', () => {
    const config = parseConfig({}, '192.168.1.20');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('./data');
    expect(config.maxUploadBytes).toBe(200 * MB);
    expect(config.storage).toBe('local');
    expect(config.downloadMode).toBe('redirect');
    expect(config.retentionDays).toBe(365);
    expect(config.publicUrl).toBe('http://192.168.1.20:3000');
  });

  it('TRUST_PROXY false (no forwarded header believed), SIGNATURE_TRUST_ANCHORS DATA_DIR/trust-anchors', () => {
    const config = parseConfig({ DATA_DIR: '/srv/qrhop' });
    expect(config.trustProxy).toBe(false);
    expect(config.trustAnchors).toEqual({ path: '/srv/qrhop/trust-anchors', explicit: false });
  });

  it('on Cloudflare, uploads up to 200 MB (files past 8 MB go in parts, under the 100 MB request limit)', () => {
    expect(parseWorkerConfig({ QRHOP_SECRET: 'x'.repeat(40) }).settings.maxUploadBytes).toBe(200 * MB);
  });
});

// "Every response carries X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, X-Frame-Options: DENY
// and a CSP without inline scripts; /s/ pages add X-Robots-Tag: noindex; served documents get a sandboxing CSP."
const PAGE_CSP = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'script-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};
const DOCUMENT_CSP = {
  sandbox: [],
  'default-src': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'style-src': ["'unsafe-inline'"],
};

function expectHeaders(res: Response, what: string, csp: Record<string, string[]>, frame = 'DENY') {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), what).toBe(frame);
  expect(parseCsp(res.headers.get('content-security-policy')), what).toEqual(csp);
}

describe.each(TRANSPORTS)('README: Reliability and security, the headers (phones through %s)', (transport) => {
  let h: DelegateApp;
  let token: string;
  let docId: string;
  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
    const meeting = await h.meeting();
    const session = await h.session(meeting.id, { title: 'Phiên khai mạc' });
    token = session.token;
    docId = (await h.upload(meeting.id, session.id, ['Báo cáo.pdf']))[0]!.id;
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it('delegate pages, their refusals and their assets: the page CSP directive by directive, noindex', async () => {
    const phone = h.phone(PHONE_UA);
    for (const [path, status] of [[`/s/${token}`, 200], [`/s/${token}/r/${docId}`, 200], ['/s/AAAAAAAAAAAAAAAAAAAAAA', 404], [`/s/${token}/d/AAAAAAAAAAAAAAAA`, 404], ['/s/_/nothing.js', 404]] as const) {
      const res = await phone.fetch(path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(status);
      expectHeaders(res, path, PAGE_CSP);
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex, nofollow');
    }
  });

  it('documents: the sandboxing CSP, exactly', async () => {
    for (const path of [`/s/${token}/d/${docId}`, `/s/${token}/d/${docId}?download=1`]) {
      const res = await h.phone(PHONE_UA).fetch(path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(200);
      expectHeaders(res, path, DOCUMENT_CSP);
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex, nofollow');
    }
  });

  it('the API, its errors and the health check: the page CSP, no noindex outside /s/', async () => {
    for (const [path, status] of [['/healthz', 200], ['/api/me', 401], ['/api/nothing-here', 401], ['/nothing-here', 404], ['/api/meetings', 401]] as const) {
      const res = await h.phoneFetch(path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(status);
      expectHeaders(res, path, PAGE_CSP);
      expect(res.headers.get('x-robots-tag'), path).toBeNull();
    }
  });
});

describe('README: Reliability and security, the console and its errors', () => {
  let h: DelegateApp;
  beforeAll(async () => {
    h = await makeDelegateApp();
  });
  afterAll(() => h.close());

  it('the console page, its assets and a missing asset carry the same headers and the page CSP', async () => {
    const index = { body: new TextEncoder().encode('<!doctype html><title>QRHop</title><script type="module" src="/admin/assets/app.js"></script>'), type: 'text/html; charset=utf-8', immutable: false };
    const script = { body: new TextEncoder().encode('console.log(1)'), type: 'text/javascript', immutable: true };
    const app = createApp({ ...h.deps, consoleAssets: new Map([['/index.html', index], ['/assets/app.js', script]]) });
    for (const [path, status] of [['/admin/', 200], ['/admin/meetings/abc', 200], ['/admin/assets/app.js', 200], ['/admin/assets/missing.js', 404]] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expectHeaders(res, path, PAGE_CSP);
    }
  });
});

describe('README: Reliability and security, logins', () => {
  let h: DelegateApp;
  beforeAll(async () => {
    h = await makeDelegateApp();
  });
  afterAll(() => h.close());

  it('stores passwords as PBKDF2-SHA256 with 100,000 rounds', async () => {
    const row = h.db.sqlite.prepare("select password_hash as hash from users where email = 'bto@example.org'").get() as { hash: string };
    expect(row.hash.split('$').slice(0, 2)).toEqual(['pbkdf2-sha256', '100000']);
  });

  it('ends a login after 12 h idle', async () => {
    const c = new ApiClient(h.fetch);
    await c.login('bto@example.org', 'correct horse battery');
    h.clock.now += 12 * HOUR - 60_000;
    expect((await c.get('/api/me')).status).toBe(200);
    h.clock.now += 12 * HOUR - 60_000; // used again just before 12 h idle: still in
    expect((await c.get('/api/me')).status).toBe(200);
    h.clock.now += 12 * HOUR + 1;
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('ends a login 7 days after it began, however active', async () => {
    const c = new ApiClient(h.fetch);
    await c.login('bto@example.org', 'correct horse battery');
    const start = h.clock.now;
    while (h.clock.now + 6 * HOUR < start + 7 * 24 * HOUR) {
      h.clock.now += 6 * HOUR;
      expect((await c.get('/api/me')).status, `${(h.clock.now - start) / HOUR} h`).toBe(200);
    }
    h.clock.now = start + 7 * 24 * HOUR - 60_000;
    expect((await c.get('/api/me')).status).toBe(200);
    h.clock.now = start + 7 * 24 * HOUR + 1;
    expect((await c.get('/api/me')).status).toBe(401);
  });
});

describe('README: Organizer console, the report', () => {
  let h: DelegateApp;
  let meetingId: string;
  beforeAll(async () => {
    h = await makeDelegateApp();
    const meeting = await h.meeting();
    meetingId = meeting.id;
    await h.publish(meeting.id);
    await (await h.phone(PHONE_UA).fetch(`/s/${meeting.token}`)).text();
    await h.recorder.flush();
  });
  afterAll(() => h.close());

  it('exports CSV as UTF-8 with a BOM, comma-separated, and with ?sep=; for Excel with Vietnamese regional settings', async () => {
    for (const [query, separator] of [['', ','], ['?sep=;', ';']] as const) {
      const res = await h.admin.fetch(`/api/meetings/${meetingId}/access.csv${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv; ?charset=utf-8/i);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, first] = new TextDecoder().decode(bytes.subarray(3)).split('\r\n');
      expect(header!.split(separator).length).toBeGreaterThan(3);
      expect(first!.split(separator).length).toBe(header!.split(separator).length);
    }
  });

  it('refreshes every 15 s while the meeting runs', async () => {
    const { STATS_REFRESH_MS } = await import('../../web/src/screens/meeting/report/use-stats');
    expect(STATS_REFRESH_MS).toBe(15_000);
  });
});

describe('README: Delegates', () => {
  let h: DelegateApp;
  let token: string;
  beforeAll(async () => {
    h = await makeDelegateApp();
    const meeting = await h.meeting();
    const session = await h.session(meeting.id, { title: 'Phiên khai mạc' });
    token = session.token;
    await h.upload(meeting.id, session.id, ['Báo cáo.pdf']);
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it('keeps the list fresh with a conditional request every 20–30 s', async () => {
    const phone = h.phone(PHONE_UA);
    const html = await (await phone.fetch(`/s/${token}`)).text();
    const script = await (await phone.fetch(/<script src="([^"]+)"/.exec(html)![1]!)).text();
    expect(script).toContain('setTimeout(check,20000+Math.random()*10000)');
    expect(script).toMatch(/if-none-match|If-None-Match/);
  });

  it('keeps opened documents for offline reading, up to 50 MB per phone', async () => {
    const sw = await (await h.phone(PHONE_UA).fetch('/s/_/sw.js')).text();
    expect(sw).toContain(String(50 * MB));
  });
});

describe('README: Delegates, the reader', () => {
  it('page images 860 px wide, at most 300 pages', () => {
    expect(PAGE_WIDTH).toBe(860);
    expect(MAX_PAGES).toBe(300);
  });
});
