/**
 * "What changed since this phone's last visit" in a real browser (Debian chromium, 390×844):
 * two phones load the very same cached page; only the one that saw the old version shows
 * "Đã cập nhật" with the change note, and "Mới" for the document added since. Screenshot
 * in test-output/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { makePdf } from '../support/sample-files';
import { ANDROID_CHROME, launchChromium } from '../support/browser';
import { makeDelegateApp, type DelegateApp } from '../delegate/delegate-harness';

const HN = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+07:00`);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, userAgent: ANDROID_CHROME, locale: 'vi-VN' };

describe('badges since this phone\'s last visit, in chromium at 390×844', () => {
  let h: DelegateApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    mkdirSync('test-output', { recursive: true });
    [h, browser] = await Promise.all([makeDelegateApp({ transport: 'node' }), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await h?.close();
  });

  it('only the phone that saw the old version shows "Đã cập nhật" and the note', { timeout: 60_000 }, async () => {
    h.clock.now = HN('07:00');
    const m = await h.meeting('Kỳ họp thứ 9 HĐND huyện Gio Linh');
    const s = await h.session(m.id, { title: 'Phiên thảo luận tổ', startsAt: '2026-12-01T08:00:00+07:00', room: 'Phòng họp số 2' });
    const uploaded = await h.upload(m.id, s.id, ['Dự thảo nghị quyết về dự toán ngân sách năm 2027.pdf', 'Kế hoạch đầu tư công trung hạn.pdf']);
    const draft = uploaded.find((d) => d.title.startsWith('Dự thảo'))!;
    await h.publish(m.id);
    const url = `${h.nodeBase}/s/${s.token}`;

    const early = await browser.newContext(PHONE);
    contexts.push(early);
    const earlyPage = await early.newPage();
    await earlyPage.goto(url, { waitUntil: 'load' });
    await h.recorder.flush();

    h.clock.now = HN('08:00');
    await h.relogin();
    expect((await h.admin.upload(`/api/documents/${draft.id}/file`, [{ name: 'Dự thảo (sửa).pdf', bytes: makePdf('v2', 3000) }], {}, 'PUT')).status).toBe(200);
    expect((await h.admin.patch(`/api/documents/${draft.id}`, { changeNote: 'Sửa mục 3 theo góp ý của Tổ 2' })).status).toBe(200);
    await h.upload(m.id, s.id, ['Phụ lục kinh phí.pdf']);

    h.clock.now = HN('09:00');
    const seen = earlyPage.waitForResponse((r) => r.url().endsWith('/seen'));
    await earlyPage.goto(url, { waitUntil: 'load' });
    await seen;
    await earlyPage.locator('.badge').nth(1).waitFor();
    const badges = await earlyPage.locator('li[data-f]').evaluateAll((items) => items.map((li) => [li.querySelector('b')!.firstChild!.textContent, li.querySelector('.badge')?.textContent ?? null, (li.querySelector('.cn') as HTMLElement | null)?.hidden === false ? li.querySelector('.cn')!.textContent : null]));
    expect(badges).toEqual([
      ['Dự thảo nghị quyết về dự toán ngân sách năm 2027', 'Đã cập nhật', 'Nội dung thay đổi: Sửa mục 3 theo góp ý của Tổ 2'],
      ['Kế hoạch đầu tư công trung hạn', null, null],
      ['Phụ lục kinh phí', 'Mới', null],
    ]);
    await earlyPage.screenshot({ path: 'test-output/delegate-what-changed-390.png' });

    // A phone here for the first time: the same page, no badge, no note.
    const late = await browser.newContext(PHONE);
    contexts.push(late);
    const latePage = await late.newPage();
    const lateSeen = latePage.waitForResponse((r) => r.url().endsWith('/seen'));
    await latePage.goto(url, { waitUntil: 'load' });
    expect(await (await lateSeen).json()).toEqual({ since: null });
    expect(await latePage.locator('.badge').count()).toBe(0);
    expect(await latePage.locator('.cn:not([hidden])').count()).toBe(0);
    await latePage.screenshot({ path: 'test-output/delegate-first-visit-390.png' });
  });

  it('the viewing window\'s pages: "not yet" with the time, then closed (410) with the note', { timeout: 60_000 }, async () => {
    h.clock.now = HN('06:00');
    await h.relogin();
    const m = await h.meeting('Hội nghị triển khai nhiệm vụ năm 2027');
    const s = await h.session(m.id, { title: 'Phiên toàn thể' });
    await h.upload(m.id, s.id, ['Báo cáo.pdf']);
    await h.publish(m.id);
    expect((await h.admin.patch(`/api/meetings/${m.id}`, { opensAt: '2026-12-01T07:30:00+07:00', closesAt: '2026-12-01T11:30:00+07:00', closedNote: 'Tài liệu đã được gửi qua hộp thư công vụ của từng đại biểu.' })).status).toBe(200);
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    const before = await page.goto(`${h.nodeBase}/s/${s.token}`);
    expect(before!.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('Tài liệu mở để xem từ 07:30 01/12/2026');
    await page.screenshot({ path: 'test-output/delegate-window-not-yet-390.png' });
    h.clock.now = HN('11:30');
    const after = await page.goto(`${h.nodeBase}/s/${s.token}`);
    expect(after!.status()).toBe(410);
    expect(await page.locator('main').innerText()).toContain('Tài liệu đã được gửi qua hộp thư công vụ của từng đại biểu.');
    await page.screenshot({ path: 'test-output/delegate-window-closed-390.png' });
  });
});
