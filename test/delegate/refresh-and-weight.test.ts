import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_JS_PATH, SERVICE_WORKER_PATH } from '../../server/delegate/enhance-assets';
import { makeDelegateApp, PHONE_UA, ZALO_ANDROID_UA, type DelegateApp, TRANSPORTS } from './delegate-harness';

const TITLES = [
  'Báo cáo chính trị của Ban Chấp hành Đảng bộ huyện khóa XIX trình Đại hội XX', 'Báo cáo kiểm điểm của Ban Chấp hành nhiệm kỳ 2020–2025',
  'Dự thảo Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX', 'Tờ trình về số lượng Ban Chấp hành khóa mới',
  'Phương hướng, nhiệm vụ phát triển kinh tế – xã hội 2026–2030', 'Báo cáo tổng hợp ý kiến góp ý vào dự thảo văn kiện',
  'Quy chế làm việc của Đại hội', 'Chương trình Đại hội (chi tiết theo giờ)', 'Danh sách đại biểu chính thức theo đoàn',
  'Báo cáo thẩm tra tư cách đại biểu', 'Phụ lục số liệu kinh tế – xã hội giai đoạn 2020–2025', 'Báo cáo công tác kiểm tra, giám sát',
  'Đề án phát triển nông nghiệp ứng dụng công nghệ cao', 'Đề án chuyển đổi số huyện Gio Linh đến năm 2030', 'Báo cáo tình hình thực hiện Nghị quyết về xây dựng nông thôn mới',
  'Tài liệu tham luận của Đoàn xã Gio Mỹ', 'Tài liệu tham luận của Đoàn thị trấn Gio Linh', 'Hướng dẫn biểu quyết điện tử',
  'Sơ đồ hội trường và vị trí các đoàn', 'Thông tin liên hệ Ban Tổ chức Đại hội',
];

/** Compressed size of one response as a phone receives it. */
async function sizeOf(h: DelegateApp, path: string, encoding: 'br' | 'gzip', ua = PHONE_UA) {
  const res = await h.phone(ua).fetch(path, { headers: { 'accept-encoding': encoding } });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-encoding')).toBe(encoding);
  const body = Buffer.from(await res.arrayBuffer());
  const plain = encoding === 'br' ? brotliDecompressSync(body) : gunzipSync(body);
  return { compressed: body.length, plain: plain.length, text: plain.toString('utf8') };
}

describe.each(TRANSPORTS)('fresh list through conditional requests (phones through %s)', (transport) => {
  let h: DelegateApp;
  let meeting: { id: string };
  let session: { id: string; token: string };

  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
    meeting = await h.meeting();
    session = await h.session(meeting.id, { title: 'Phiên 1' });
    await h.upload(meeting.id, session.id, ['Báo cáo chính trị.pdf']);
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it('answers 304 while nothing changed, and the new page once a document is added', async () => {
    const phone = h.phone();
    const first = await phone.fetch(`/s/${session.token}`);
    const html = await first.text();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{24}"$/);
    // The page carries its own version, which the refresh script sends back.
    expect(html).toContain(`data-v=${etag}`);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const poll = { 'if-none-match': etag, 'x-qrhop-refresh': '1' };
    const same = await phone.fetch(`/s/${session.token}`, { headers: poll });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect(same.headers.get('etag')).toBe(etag);

    await h.upload(meeting.id, session.id, ['Tờ trình bổ sung.pdf']);
    const changed = await phone.fetch(`/s/${session.token}`, { headers: poll });
    expect(changed.status).toBe(200);
    const next = changed.headers.get('etag')!;
    expect(next).not.toBe(etag);
    const nextHtml = await changed.text();
    expect(nextHtml).toContain('Tờ trình bổ sung');
    expect(nextHtml).toContain(`data-v=${next}`);
    expect((await phone.fetch(`/s/${session.token}`, { headers: { ...poll, 'if-none-match': next } })).status).toBe(304);
  });

  it('carries no inline script: the enhancement is one external deferred script', async () => {
    const html = await (await h.phone().fetch(`/s/${session.token}`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).toContain(`<script src="${LIVE_JS_PATH}" defer></script>`);
  });

  it('serves the script and the service worker with the right headers', async () => {
    const phone = h.phone();
    const scriptPath = LIVE_JS_PATH;
    expect(scriptPath).toMatch(/^\/s\/_\/live\.\w+\.js$/);
    const script = await phone.fetch(scriptPath);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('If-None-Match');
    const sw = await phone.fetch(SERVICE_WORKER_PATH);
    expect(sw.headers.get('service-worker-allowed')).toBe('/s/');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect((await phone.fetch('/s/_/nothing.js')).status).toBe(404);
    // No page of ours may be framed.
    expect((await phone.fetch(`/s/${session.token}`)).headers.get('x-frame-options')).toBe('DENY');
  });
});

describe.each(TRANSPORTS)('page weight (phones through %s)', (transport) => {
  let h: DelegateApp;
  let token: string;

  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
    const meeting = await h.meeting('Đại hội đại biểu Đảng bộ huyện Gio Linh lần thứ XX, nhiệm kỳ 2025–2030');
    const session = await h.session(meeting.id, { title: 'Phiên trù bị: thông qua chương trình và quy chế làm việc', startsAt: '2026-12-01T07:30:00+07:00', room: 'Hội trường lớn' });
    token = session.token;
    await h.upload(meeting.id, session.id, TITLES.map((t) => `${t}.pdf`));
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it.each([
    ['a phone browser', PHONE_UA],
    ['Zalo on Android (extra "open in browser" links)', ZALO_ANDROID_UA],
  ])('a 20-document session page is about 3 KB compressed (at most 3.3 KB), 4.3 KB with its script (%s)', async (_name, ua) => {
    for (const encoding of ['br', 'gzip'] as const) {
      const page = await sizeOf(h, `/s/${token}`, encoding, ua);
      expect(page.text.match(/<li data-f="\d+">/g)).toHaveLength(20);
      const scriptPath = /<script src="([^"]+)"/.exec(page.text)![1]!;
      const script = await sizeOf(h, scriptPath, encoding, ua);
      const total = page.compressed + script.compressed;
      console.log(`page weight, 20 documents, ${_name}, ${encoding}: page ${page.compressed} B (${page.plain} B raw) + script ${script.compressed} B = ${total} B`);
      // The README says "about 3 KB compressed for 20 documents": held near what it is (2.4 to 3.0 KB
      // measured), so a page that grows by a tenth fails here and the README gets a new figure.
      expect(page.compressed).toBeLessThanOrEqual(3.3 * 1024);
      // This device's "new"/"updated" badges come in a script of their own, loaded once the list is on screen.
      // With the meeting book's entry first in the list: 4,153-4,196 B gzip, 3,702-3,741 B brotli measured.
      expect(total).toBeLessThanOrEqual(4.3 * 1024);
    }
  });
});
