/**
 * The signature badge on the delegate page, in chromium at 390×844: the real server (its job
 * runner checks the uploads, the test CA configured through SIGNATURE_TRUST_ANCHORS), details
 * opened by a tap with JavaScript off, Vietnamese and English, the page within its weight.
 * Screenshots: test-output/signature-badge-{vi,en}.png.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAnnotation, pemOf, signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { ApiClient } from '../support/api-client';
import { launchChromium } from '../support/browser';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';
import { ADMIN } from './delegate-seed';

const OUT = 'test-output';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };

describe('signature badge on the delegate page (chromium, 390×844)', () => {
  let server: RunningServer;
  let browser: Browser;
  let token: string;
  let signedBytes: Uint8Array;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const { ca, signer } = await testSigners();
    const anchors = mkdtempSync(join(tmpdir(), 'qrhop-anchors-'));
    writeFileSync(join(anchors, 'test-ca.pem'), pemOf(ca.der));
    [server, browser] = await Promise.all([startServer({ ...ADMIN, SIGNATURE_TRUST_ANCHORS: anchors }), launchChromium()]);
    const api = new ApiClient((path, init) => fetch(server.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const meeting = (await api.post('/api/meetings', { title: 'Kỳ họp thứ 9 HĐND huyện Gio Linh khóa XII' })).body.meeting;
    const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên khai mạc', startsAt: '2026-12-03T07:30:00+07:00', room: 'Hội trường' })).body.session;
    const signed = await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:15:00Z') });
    signedBytes = signed;
    const flipped = signed.slice();
    flipped[300]! ^= 1;
    const up = await api.upload(`/api/meetings/${meeting.id}/documents`, [
      { name: 'Quyết định triệu tập kỳ họp.pdf', bytes: signed, type: 'application/pdf' },
      { name: 'Báo cáo tình hình kinh tế – xã hội.pdf', bytes: appendAnnotation(signed), type: 'application/pdf' },
      { name: 'Tờ trình dự toán ngân sách.pdf', bytes: flipped, type: 'application/pdf' },
      { name: 'Dự thảo nghị quyết.pdf', bytes: makePdf('du thao'), type: 'application/pdf' },
    ], { sessionId: session.id });
    expect(up.status).toBe(201);
    // The server's job runner checks them in the background.
    const statuses = async () => (await api.get(`/api/meetings/${meeting.id}/documents`)).body.documents.map((d: any) => d.signature.status).join(',');
    for (let i = 0; i < 100 && (await statuses()).includes('pending'); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await statuses()).toBe('trusted,modified,invalid,unsigned');
    expect((await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' })).status).toBe(200);
    token = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill();
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`shows the badges and opens the details with a tap, JavaScript off (${lang})`, async () => {
      const context = await browser.newContext({ ...PHONE, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${server.url}/s/${token}?lang=${lang}`);
      const summaries = await page.locator('details.sig summary').allInnerTexts();
      expect(summaries).toEqual(lang === 'vi'
        ? ['✓ Đã ký số · UBND huyện Gio Linh · 09:15 30/11/2026', '⚠ Đã sửa sau khi ký', '⚠ Chữ ký không hợp lệ']
        : ['✓ Digitally signed · UBND huyện Gio Linh · 30/11/2026, 09:15', '⚠ Changed after signing', '⚠ Invalid signature']);
      const first = page.locator('details.sig').first();
      expect(await first.locator('dl').isVisible()).toBe(false);
      await first.locator('summary').tap();
      await expect.poll(() => first.locator('dl').isVisible()).toBe(true);
      const details = await first.locator('dl').innerText();
      expect(details).toContain('Nguyễn Thị Hương');
      expect(details).toContain('QRHop Test CA');
      expect(details).toContain(lang === 'vi' ? 'Có — chứng thư gốc đã được cấu hình' : 'Yes — its root certificate is configured');
      await page.locator('details.sig').nth(1).locator('summary').tap();
      expect(await page.locator('details.sig').nth(1).innerText()).toContain(lang === 'vi' ? 'thêm chú thích sau khi ký' : 'annotations added after signing');
      // The warning colour is not the trusted one.
      const colours = await page.locator('details.sig summary').evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
      expect(colours[0]).not.toBe(colours[1]);
      expect(colours[1]).toBe(colours[2]);
      // Nothing wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: `${OUT}/signature-badge-${lang}.png`, fullPage: true });
      await context.close();
    });
  }

  it('shows the signature and the copy notice on the reader page, linking the original', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${token}`);
    await page.locator('section a.btn.main').first().click();
    await page.locator('p.copy').waitFor();
    expect(await page.locator('details.sig summary').innerText()).toBe('✓ Đã ký số · UBND huyện Gio Linh · 09:15 30/11/2026');
    const link = page.getByRole('link', { name: 'Tải bản gốc có chữ ký số' });
    const original = await (await fetch(`${server.url}${await link.getAttribute('href')}`)).arrayBuffer();
    expect(new Uint8Array(original)).toEqual(signedBytes);
    await page.screenshot({ path: `${OUT}/signature-reader-vi.png` });
    await context.close();
  }, 60_000);

  it('has no serious or critical axe violations with every badge open', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: true, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${token}`);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run(document, { iframes: false, resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps the page within 14 KB compressed with the badges', async () => {
    const html = await (await fetch(`${server.url}/s/${token}`)).text();
    expect(gzipSync(html).length).toBeLessThan(14 * 1024);
    expect(html).toContain('<details class="sig"');
  });
});
