import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText, PHONE_UA, ZALO_ANDROID_UA } from '../delegate/delegate-harness';
import { makeDocx, makeTextPdf, VI } from './office-fixtures';
import { makeReaderApp, type ReaderApp } from './reader-harness';

const PIN = '482913';

describe('the reader page', { timeout: 120_000 }, () => {
  let h: ReaderApp;
  let m: { meetingId: string; sessionId: string; token: string };
  let pdf: { id: string };
  let word: { id: string };
  let pinDoc: { id: string };
  let pinSession: { id: string; token: string };

  beforeAll(async () => {
    h = await makeReaderApp();
    m = await h.openMeeting();
    pdf = await h.uploadFile(m.meetingId, m.sessionId, 'Báo cáo 30 trang.pdf', await makeTextPdf(30));
    word = await h.uploadFile(m.meetingId, m.sessionId, 'Nghị quyết.docx', await makeDocx());
    pinSession = await h.session(m.meetingId, { title: 'Phiên kín', pin: PIN });
    pinDoc = await h.uploadFile(m.meetingId, pinSession.id, 'Phương án nhân sự.pdf', await makeTextPdf(2));
    await h.runner.idle();
  }, 180_000);
  afterAll(() => h.close());

  it('shows the page images in the page, page 1 first and the rest after it, each with its size; no inline script; small', async () => {
    const phone = h.phone(PHONE_UA, { 'accept-encoding': 'br, gzip' });
    const res = await phone.fetch(`/s/${m.token}/r/${pdf.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
    const compressed = new Uint8Array(await res.arrayBuffer());
    const html = (res.headers.get('content-encoding') === 'br' ? brotliDecompressSync(compressed) : gunzipSync(compressed)).toString('utf8');
    expect(compressed.length).toBeLessThanOrEqual(14 * 1024);
    // One external script (the page loader), never an inline one.
    expect([...html.matchAll(/<script[^>]*>/g)].map((x) => x[0])).toEqual([expect.stringMatching(/^<script src="\/s\/_\/reader\.\w+\.js" defer>$/)]);
    const figures = [...html.matchAll(/<figure class="pg" id="p(\d+)">(.*?)<\/figure>/g)];
    expect(figures.map((f) => Number(f[1]))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(figures[0]![2]).toMatch(new RegExp(`^<img src="/s/${m.token}/r/${pdf.id}/p/1\\?v=1" width="860" height="\\d{4}" alt="Trang 1/30"`));
    // Later pages: a placeholder the script fills after page 1, and a lazy copy for browsers without script.
    for (const f of figures.slice(1)) {
      expect(f[2]).toMatch(new RegExp(`^<img data-src="/s/${m.token}/r/${pdf.id}/p/${f[1]}\\?v=1" width="860" height="\\d{4}"[^>]*><noscript><img src="[^"]+/p/${f[1]}\\?v=1"[^>]* loading="lazy"></noscript>$`));
    }
    expect(pageText(html)).toContain('30 trang');
    const image = await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/1?v=1`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/(png|webp)$/);
    expect((await image.arrayBuffer()).byteLength).toBeLessThanOrEqual(80 * 1024); // a dense text page
    expect((await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/31`)).status).toBe(404);
  });

  it('shows the Word text itself, sanitized, with its image under the code', async () => {
    const res = await h.phone().fetch(`/s/${m.token}/r/${word.id}`);
    const html = await res.text();
    for (const text of [VI.heading, VI.bold, VI.body, VI.cell]) expect(pageText(html)).toContain(text);
    expect(html).toMatch(new RegExp(`<img alt="" loading="lazy" src="/s/${m.token}/r/${word.id}/f/img-1\\.webp\\?v=1"`));
    expect(html).toContain('<h2>'); // Word's h1 sits under the page's own heading
    const image = await h.phone().fetch(`/s/${m.token}/r/${word.id}/f/img-1.webp?v=1`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await h.phone().fetch(`/s/${m.token}/r/${word.id}/f/img-9.webp`)).status).toBe(404);
    expect((await h.phone().fetch(`/s/${m.token}/r/${word.id}/f/..%2Fsecret`)).status).toBe(404);
  });

  it('keeps each page text for screen readers and copying (the text view)', async () => {
    const html = await (await h.phone().fetch(`/s/${m.token}/r/${pdf.id}?text=1`)).text();
    expect(pageText(html)).toContain('Trang 17');
    expect(pageText(html)).toContain('Dieu 48. Uy ban nhan dan huyen');
  });

  it('follows the list page\'s rules: a rotated code stops its reader and page URLs at once', async () => {
    const codes = await h.admin.get(`/api/sessions/${m.sessionId}/codes`);
    const code = codes.body.codes[0];
    const phone = h.phone();
    expect((await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/2`)).status).toBe(200);
    const rotated = await h.admin.post(`/api/codes/${code.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect((await phone.fetch(`/s/${m.token}/r/${pdf.id}`)).status).toBe(404);
    expect((await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/2`)).status).toBe(404);
    expect((await phone.fetch(`/s/${m.token}/r/${word.id}/f/img-1.webp`)).status).toBe(404);
    m.token = rotated.body.code.token;
    expect((await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/2`)).status).toBe(200);
  });

  it('asks for the PIN on a PIN session\'s reader and page images; an in-app browser\'s way out carries a short-lived grant', async () => {
    const zalo = h.phone(ZALO_ANDROID_UA);
    const locked = await zalo.fetch(`/s/${pinSession.token}/r/${pinDoc.id}`);
    expect(locked.status).toBe(403);
    expect(pageText(await locked.text())).toContain('Mã PIN');
    expect((await zalo.fetch(`/s/${pinSession.token}/r/${pinDoc.id}/p/1`)).status).toBe(403);
    const pin = await zalo.fetch(`/s/${pinSession.token}/pin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `pin=${PIN}`, redirect: 'manual' });
    expect(pin.status).toBe(303);
    const reader = await (await zalo.fetch(`/s/${pinSession.token}/r/${pinDoc.id}`)).text();
    const intent = /href="(intent:\/\/[^"]+)"/.exec(reader)?.[1]?.replace(/&#38;/g, '&');
    expect(intent).toMatch(new RegExp(`^intent://qr\\.example\\.vn/s/${pinSession.token}/d/${pinDoc.id}\\?g=[\\w.-]+#Intent;scheme=https;`));
    const leave = new URL(intent!.replace(/^intent:/, 'https:').replace(/#Intent.*$/, ''));
    // The phone's browser: no grant cookie, no device id.
    const browser = h.phone(PHONE_UA);
    const original = await browser.fetch(leave.pathname + leave.search);
    expect(original.status).toBe(200);
    expect(browser.cookie('qrhop_d')).toBe(zalo.cookie('qrhop_d'));
    // Not for another document, not altered, not after ten minutes.
    expect((await h.phone().fetch(`/s/${pinSession.token}/d/${pdf.id}${leave.search}`)).status).toBe(404);
    const forged = leave.search.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    expect((await h.phone().fetch(`${leave.pathname}${forged}`)).status).toBe(403);
    h.clock.now += 11 * 60_000;
    expect((await h.phone().fetch(leave.pathname + leave.search)).status).toBe(403);
    h.clock.now -= 11 * 60_000;
  });

  it('counts a reader open as a read and each page image a real browser fetched, not prefetches', async () => {
    const phone = h.phone();
    await phone.fetch(`/s/${m.token}/r/${pdf.id}`);
    await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/1?v=1`);
    await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/7?v=1`);
    await phone.fetch(`/s/${m.token}/r/${pdf.id}/p/9?v=1`, { headers: { 'sec-purpose': 'prefetch' } });
    await phone.fetch(`/s/${m.token}/r/${pdf.id}?wait=1`);
    await h.recorder.flush();
    const device = phone.cookie('qrhop_d');
    const rows = h.db.sqlite.prepare('select kind, page from access_events where device_id = ? order by id').all(device);
    expect(rows).toEqual([{ kind: 'read', page: null }, { kind: 'page', page: 1 }, { kind: 'page', page: 7 }]);
    // The report: a read is an open of the document; the depth is the furthest page per device.
    const stats = await h.stats(m.meetingId);
    const doc = stats.perDocument.find((d: { documentId: string }) => d.documentId === pdf.id);
    const reads = h.db.sqlite.prepare("select count(*) as n from access_events where kind = 'read' and document_id = ?").get(pdf.id) as { n: number };
    const opens = h.db.sqlite.prepare("select count(*) as n from access_events where kind in ('read', 'open') and document_id = ?").get(pdf.id) as { n: number };
    expect(doc).toMatchObject({ reads: reads.n, opens: opens.n });
    expect(doc.readDepth.furthestPage).toBeGreaterThanOrEqual(7);
    const csv = await (await h.admin.fetch(`/api/meetings/${m.meetingId}/access.csv`)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('time_utc,time_local,kind,session,label,document,page,device,browser,os,bot,document_signature');
    const mine = csv.split('\r\n').filter((line) => line.includes(device!.slice(0, 12)));
    expect(mine.map((line) => line.split(',').slice(2, 7).join(','))).toEqual([
      'read,Phiên khai mạc,,Báo cáo 30 trang,', 'page,Phiên khai mạc,,Báo cáo 30 trang,1', 'page,Phiên khai mạc,,Báo cáo 30 trang,7',
    ]);
  });

  it('a document still being prepared says so, reloads itself without script and offers the original', async () => {
    const pending = await h.uploadFile(m.meetingId, m.sessionId, 'Đang xử lý.pdf', await makeTextPdf(1));
    await h.runner.stop(); // nothing renders it
    h.db.sqlite.prepare("update renditions set status = 'waiting' where document_id = ?").run(pending.id);
    h.db.sqlite.prepare('delete from rendition_pages where document_id = ?').run(pending.id);
    const html = await (await h.phone().fetch(`/s/${m.token}/r/${pending.id}`)).text();
    expect(html).toMatch(/<meta http-equiv="refresh" content="4;url=[^"]+\?wait=1">/);
    expect(pageText(html)).toContain('Đang chuẩn bị bản đọc trên điện thoại');
    expect(html).toContain(`href="/s/${m.token}/d/${pending.id}?download=1"`);
    // Where no runner will ever make it (Workers, for now): the original's links at once, no reloading.
    const jobs = h.deps.jobs;
    h.deps.jobs = undefined;
    const elsewhere = await (await h.phone().fetch(`/s/${m.token}/r/${pending.id}`)).text();
    h.deps.jobs = jobs;
    expect(elsewhere).not.toContain('http-equiv="refresh"');
    expect(pageText(elsewhere)).toContain('Tài liệu này chưa có bản đọc trên điện thoại');
  });
});
