/**
 * The delegate page in a real browser (Debian chromium), in a 390×844 phone context:
 * weight and time-to-list under slow 3G (measured and printed), accessibility (axe),
 * JavaScript off, the list refreshing itself, in-app browser links, and documents
 * re-read offline through the service worker. Screenshots go to test-output/.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { ANDROID_CHROME, launchChromium, SLOW_3G, ZALO_ANDROID } from '../support/browser';
import { PIN, seedServer, type SeededServer } from './delegate-seed';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const OUT = 'test-output';
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  userAgent: ANDROID_CHROME, locale: 'vi-VN', extraHTTPHeaders: { 'accept-language': 'vi-VN,vi;q=0.9' },
};

describe('delegate page in a 390×844 phone (chromium)', () => {
  let seed: SeededServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const phone = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ ...PHONE, ...options });
    contexts.push(context);
    return { context, page: await context.newPage() };
  };
  const url = (path: string) => `${seed.server.url}${path}`;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    [seed, browser] = await Promise.all([seedServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await seed?.server.kill();
  });

  it('weighs under 5 KB on the wire for a 20-document session, everything needed to render included (measured by chromium)', async () => {
    const { context, page } = await phone();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const responses = new Map<string, { url: string; encoding: string }>();
    const sizes = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => responses.set(e.requestId, { url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity' }));
    cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
    await page.goto(url(`/s/${seed.token}`), { waitUntil: 'load' });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.locator('main section li').count()).toBe(20);
    const lines: string[] = [];
    let total = 0;
    for (const [id, { url: u, encoding }] of responses) {
      const size = sizes.get(id);
      if (size === undefined || !u.startsWith(seed.server.url)) continue;
      // The service worker is installed after the page, for later visits; the badge script and this
      // device's /seen come once the list is on screen: reported, not part of what renders the page.
      const path = new URL(u).pathname;
      const renders = !path.endsWith('/sw.js') && !/\/seen$/.test(path) && !/^\/s\/_\/seen\./.test(path);
      if (renders) total += size;
      lines.push(`  ${new URL(u).pathname.padEnd(44)} ${String(size).padStart(6)} B on the wire (${encoding})${renders ? '' : '  [not needed to render]'}`);
    }
    console.log(`Delegate page weight, 20 documents, as chromium received it (bytes incl. response headers):\n${lines.join('\n')}\n  total to render: ${total} B (${(total / 1024).toFixed(1)} KB)`);
    // Page and script with their response headers: about 4.4 KB measured; held near it, not at a far ceiling.
    expect(total).toBeLessThanOrEqual(5 * 1024);
  });

  it('shows the list within 2.5 s of navigation on slow 3G (400 kbit/s, 400 ms RTT), target 1.5 s: measured and printed', async () => {
    const runs: { wall: number; fcp: number; responseEnd: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const { context, page } = await phone();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      const started = Date.now();
      await page.goto(url(`/s/${seed.token}`), { waitUntil: 'commit' });
      await page.locator('main section li').nth(19).waitFor({ state: 'visible' });
      const wall = Date.now() - started;
      // The paint entry can be reported a little after the list shows (a loaded machine): wait for it, briefly.
      const timing = await page.evaluate(async () => ({
        fcp: await new Promise<number>((resolve) => {
          const entry = performance.getEntriesByName('first-contentful-paint')[0];
          if (entry) return resolve(entry.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0]!.startTime)).observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(NaN), 3000);
        }),
        responseEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
      }));
      // Without a paint entry, the time the test saw all 20 items is the (later) figure that stands in.
      runs.push({ wall, fcp: Math.round(Number.isNaN(timing.fcp) ? wall : timing.fcp), responseEnd: Math.round(timing.responseEnd) });
      await context.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    console.log(`Time to list on slow 3G (first visit, empty cache), 3 runs:\n${runs.map((r, i) => `  run ${i + 1}: first contentful paint (the list) ${r.fcp} ms after navigation start; HTML fully received ${r.responseEnd} ms; all 20 items visible to the test ${r.wall} ms after goto()`).join('\n')}\n  median first paint with the list: ${median(runs.map((r) => r.fcp))} ms (target 1500 ms)`);
    // About 0.5 s measured alone, 1.2 s beside two other browser suites on the shared two-core machine:
    // the bound keeps a regression of the page (a blocking script, a heavy style) from passing unseen.
    expect(median(runs.map((r) => r.fcp))).toBeLessThan(2500);
  });

  it('has no serious or critical axe violations on any delegate page', async () => {
    const pages: [string, string, BrowserContextOptions?][] = [
      ['list', `/s/${seed.token}`],
      ['list in Zalo (Android)', `/s/${seed.token}`, { userAgent: ZALO_ANDROID }],
      ['list in English', `/s/${seed.token}?lang=en`],
      ['PIN required', `/s/${seed.pinToken}`],
      ['not yet released', `/s/${seed.notReleasedToken}`],
      ['unknown code', `/s/${seed.unknownToken}`],
    ];
    const report: string[] = [];
    for (const [name, path, options] of pages) {
      const { page } = await phone({ bypassCSP: true, ...options });
      await page.goto(url(path));
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      report.push(`  ${name.padEnd(24)} ${violations.length ? violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'no violations'}`);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), name).toEqual([]);
    }
    // The PIN page with an error message, after a wrong try.
    const { page } = await phone({ bypassCSP: true });
    await page.goto(url(`/s/${seed.pinToken}`));
    await page.fill('input[name=pin]', '0000');
    await page.click('button[type=submit]');
    await page.waitForSelector('.err');
    await page.addScriptTag({ path: AXE_PATH });
    const pinError = await page.evaluate(async () => (await (window as any).axe.run(document, { iframes: false })).violations.map((v: any) => ({ id: v.id, impact: v.impact })));
    report.push(`  ${'PIN, wrong try'.padEnd(24)} ${pinError.length ? JSON.stringify(pinError) : 'no violations'}`);
    expect(pinError.filter((v: any) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    console.log(`axe-core (WCAG 2 A/AA and best practices) at 390×844:\n${report.join('\n')}`);
  }, 90_000); // seven pages and axe each: slow when the machine is loaded

  it('has tap targets at least 44 px high, and no horizontal scrolling', async () => {
    for (const options of [{}, { userAgent: ZALO_ANDROID }]) {
      const { page } = await phone(options);
      await page.goto(url(`/s/${seed.token}`));
      const heights = await page.$$eval('main a, footer a, button, input:not([type=hidden])', (els) => els.map((el) => el.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(20);
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });

  it('works with JavaScript off: the list, the language switch and the PIN form', async () => {
    const { page } = await phone({ javaScriptEnabled: false });
    await page.goto(url(`/s/${seed.token}`));
    expect(await page.locator('main section li').count()).toBe(20);
    expect(await page.locator('main section li a.doc').first().getAttribute('href')).toMatch(new RegExp(`^/s/${seed.token}/r/[\\w-]+$`));
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: /^Download:/ }).count()).toBe(20);
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.goto(url(`/s/${seed.pinToken}`));
    await page.fill('input[name=pin]', '1111');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.err').textContent()).toContain('Mã PIN không đúng');
    await page.fill('input[name=pin]', PIN);
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('main').textContent()).toContain('Danh sách đề cử');
    await page.screenshot({ path: `${OUT}/delegate-pin-granted-nojs.png` });
  });

  it('inside Zalo on Android the title opens the reader in the same app; nothing in the list leaves it', async () => {
    const { page } = await phone({ userAgent: ZALO_ANDROID });
    await page.goto(url(`/s/${seed.token}`));
    expect(await page.locator('main .note').first().textContent()).toContain('Bấm vào tên tài liệu để đọc ngay trong ứng dụng này');
    const first = seed.documents[0]!;
    const row = page.locator('main li').filter({ has: page.locator(`a.doc[href$="/r/${first.id}"]`) });
    expect(await row.getByRole('link', { name: /^Đọc:/ }).getAttribute('href')).toBe(`/s/${seed.token}/r/${first.id}`);
    expect(await row.getByRole('link', { name: /^Tải về/ }).getAttribute('href')).toBe(`/s/${seed.token}/d/${first.id}?download=1`);
    expect(await page.locator('main a[href^="intent:"]').count()).toBe(0);
    await page.screenshot({ path: `${OUT}/delegate-list-zalo-android.png` });
  });

  it('takes screenshots of each page at 390×844', async () => {
    const shots: [string, string][] = [
      ['delegate-list', `/s/${seed.token}`],
      ['delegate-pin', `/s/${seed.pinToken}`],
      ['delegate-not-released', `/s/${seed.notReleasedToken}`],
      ['delegate-unknown', `/s/${seed.unknownToken}`],
    ];
    for (const [name, path] of shots) {
      const { page } = await phone();
      await page.goto(url(path));
      await page.screenshot({ path: `${OUT}/${name}.png` });
    }
    const { page } = await phone();
    await page.goto(url(`/s/${seed.token}`));
    await page.screenshot({ path: `${OUT}/delegate-list-full.png`, fullPage: true });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: `${OUT}/delegate-list-end.png` });
  });

  it('shows a document added during the session without a reload, through 304s until then', async () => {
    const { page } = await phone();
    const polls: { status: number; conditional: boolean }[] = [];
    page.on('response', (r) => {
      if (r.request().headers()['x-qrhop-refresh'] === '1') polls.push({ status: r.status(), conditional: !!r.request().headers()['if-none-match'] });
    });
    await page.clock.install();
    await page.goto(url(`/s/${seed.token}`));
    await page.waitForTimeout(300);
    await page.clock.fastForward(31_000);
    await expect.poll(() => polls.length).toBe(1);
    expect(polls[0]).toEqual({ status: 304, conditional: true });

    const added = await seed.upload('Tài liệu bổ sung: Báo cáo nhanh giữa phiên');
    await page.clock.fastForward(31_000);
    await expect.poll(() => page.locator('main').textContent()).toContain('Tài liệu bổ sung: Báo cáo nhanh giữa phiên');
    expect(polls[1]).toEqual({ status: 200, conditional: true });
    expect(await page.locator(`a.doc[href$="/r/${added.id}"]`).count()).toBe(1);
    await page.clock.fastForward(200); // screen readers hear it a moment after the swap
    expect(await page.locator('#upd').textContent()).toBe('Danh sách tài liệu vừa được cập nhật.');
    await page.clock.fastForward(31_000);
    await expect.poll(() => polls.length).toBe(3);
    expect(polls[2]!.status).toBe(304);
    console.log(`Refresh: polls seen ${JSON.stringify(polls)}`);
  });

  it('tells an open page when its code was revoked, then stops polling', async () => {
    const variant = (await seed.api.post(`/api/sessions/${seed.sessionId}/codes`, { label: 'Bàn 5' })).body.codes[0];
    const { page } = await phone();
    let polls = 0;
    page.on('request', (r) => void (r.headers()['x-qrhop-refresh'] === '1' && polls++));
    await page.clock.install();
    await page.goto(url(`/s/${variant.token}`));
    expect(await page.locator('header').textContent()).toContain('Bàn 5');
    expect((await seed.api.del(`/api/codes/${variant.id}`)).status).toBe(204);
    await page.clock.fastForward(31_000);
    await expect.poll(() => page.locator('main').textContent()).toContain('Mã này không tồn tại, đã được thay thế hoặc đã bị thu hồi');
    await page.clock.fastForward(120_000);
    expect(polls).toBe(1);
  });

  // Last: it stops the server.
  it('serves an opened document when offline (service worker), within its storage budget', async () => {
    const { context, page } = await phone();
    await page.goto(url(`/s/${seed.token}`));
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.reload(); // now through the worker: the list is kept for offline
    const opened = seed.documents[2]!;
    const unopened = seed.documents[3]!;
    // Two copies already kept, 30 MB each by their headers, the older first: with the next one the
    // 50 MB budget is exceeded and the oldest copy must go.
    await page.evaluate(async () => {
      const cache = await caches.open('qrhop-docs-v1');
      const fake = (at: number) => new Response('x', { headers: { 'content-length': String(30 * 1024 * 1024), 'x-stored-at': String(at) } });
      await cache.put(`${location.origin}/s/old-one-aaaaaaaaaaaaaaaa/d/a`, fake(1));
      await cache.put(`${location.origin}/s/old-two-aaaaaaaaaaaaaaaa/d/b`, fake(2));
    });
    await page.goto(url(`/s/${seed.token}/d/${opened.id}`)); // the original, as "Mở bản gốc" opens it
    const keptPaths = () => page.evaluate(async () => (await (await caches.open('qrhop-docs-v1')).keys()).map((r) => new URL(r.url).pathname).sort());
    await expect.poll(keptPaths).toEqual([`/s/${seed.token}/d/${opened.id}`, '/s/old-two-aaaaaaaaaaaaaaaa/d/b'].sort());
    await page.goBack();

    await context.setOffline(true);
    expect(await seed.server.stop()).toBe(0); // and the server gone too: nothing can come from the network
    const list = await page.goto(url(`/s/${seed.token}`));
    expect(list!.fromServiceWorker()).toBe(true);
    expect(await page.locator('main section li').count()).toBeGreaterThanOrEqual(20);
    const got = await page.evaluate(async ([a, b]) => {
      const read = async (path: string) => {
        try {
          const res = await fetch(path);
          return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength };
        } catch {
          return { status: 0, type: null, size: 0 };
        }
      };
      return { opened: await read(a!), unopened: await read(b!) };
    }, [`/s/${seed.token}/d/${opened.id}`, `/s/${seed.token}/d/${unopened.id}`]);
    expect(got.opened).toEqual({ status: 200, type: 'application/pdf', size: opened.size });
    expect(got.unopened.status).toBe(0);
    const reopened = await page.goto(url(`/s/${seed.token}/d/${opened.id}`));
    expect(reopened!.status()).toBe(200);
    expect(reopened!.fromServiceWorker()).toBe(true);
    console.log(`Offline (server stopped, context offline): list page from the service worker, opened document ${got.opened.size} B served from its cache, an unopened one not available; the oldest copy was evicted past the 50 MB budget`);
  });
});
