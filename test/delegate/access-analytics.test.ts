import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { IPHONE_UA, makeDelegateApp, PHONE_UA, ZALO_ANDROID_UA, type DelegateApp, TRANSPORTS } from './delegate-harness';

/** RFC 4180 parsing, enough to read our export back the way a spreadsheet does. */
function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const read = async (client: ApiClient, path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const res = await client.fetch(path, { headers, method });
  await res.arrayBuffer();
  return res;
};

describe.each(TRANSPORTS)('access analytics (phones through %s)', (transport) => {
  let h: DelegateApp;
  let meeting: { id: string; token: string };
  let session: { id: string; token: string };
  let docs: { id: string; title: string }[];

  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
    meeting = await h.meeting('Đại hội Đảng bộ huyện Gio Linh lần thứ XX', { startsOn: '2026-12-01', endsOn: '2026-12-02' });
    session = await h.session(meeting.id, { title: 'Phiên thứ nhất: Báo cáo chính trị', startsAt: '2026-12-01T07:30:00+07:00', endsAt: '2026-12-01T11:30:00+07:00' });
    docs = await h.upload(meeting.id, session.id, ['Dự thảo Nghị quyết Đại hội.pdf', 'Báo cáo kiểm điểm.pdf', 'Phụ lục số liệu.pdf']);
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  describe('what is not counted as a delegate', () => {
    const previewers: [string, string][] = [
      ['Facebook / Messenger previewer', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
      ['Meta crawler', 'meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)'],
      ['Zalo previewer', 'Mozilla/5.0 (compatible; ZaloBot/1.0; +https://zalo.me)'],
      ['Zalo link fetcher (no browser agent)', 'Zalo-Link-Preview/1.0'],
      ['Telegram', 'TelegramBot (like TwitterBot)'],
      ['Slack', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
      ['Discord', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
      ['WhatsApp', 'WhatsApp/2.23.20.0 A'],
      ['Skype / Teams', 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com'],
      ['LinkedIn', 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)'],
      ['X / Twitter', 'Twitterbot/1.0'],
      ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
      ['Google other', 'Mozilla/5.0 (compatible; GoogleOther)'],
      ['Bing', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
      ['Cốc Cốc search', 'Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)'],
      ['Apple (iMessage previews)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15 (Applebot/0.1)'],
      ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36'],
      ['curl', 'curl/8.4.0'],
      ['python script', 'python-requests/2.31.0'],
      ['no user agent', ''],
    ];
    let before: any;
    beforeEach(async () => {
      before = await h.stats(meeting.id);
    });

    it.each(previewers)('%s: recorded as a bot, counted in no figure', async (_name, ua) => {
      const bot = h.phone(ua);
      await read(bot, `/s/${session.token}`);
      await read(bot, `/s/${session.token}/d/${docs[0]!.id}`);
      const after = await h.stats(meeting.id);
      expect(after.totals.views).toBe(before.totals.views);
      expect(after.totals.opens).toBe(before.totals.opens);
      expect(after.totals.devices).toBe(before.totals.devices);
      expect(after.totals.bots).toBe(before.totals.bots + 2);
    });

    const prefetches: [string, Record<string, string>][] = [
      ['Sec-Purpose: prefetch (Chromium)', { 'sec-purpose': 'prefetch' }],
      ['Sec-Purpose: prefetch;prerender (Speculation Rules)', { 'sec-purpose': 'prefetch;prerender' }],
      ['Purpose: prefetch (older Chrome, Safari)', { purpose: 'prefetch' }],
      ['X-Moz: prefetch (Firefox)', { 'x-moz': 'prefetch' }],
      ['X-Purpose: preview', { 'x-purpose': 'preview' }],
    ];
    it.each(prefetches)('%s: not recorded at all', async (_name, headers) => {
      const phone = h.phone(PHONE_UA);
      await read(phone, `/s/${session.token}`, headers);
      await read(phone, `/s/${session.token}/d/${docs[0]!.id}`, headers);
      const after = await h.stats(meeting.id);
      expect(after.totals).toEqual(before.totals);
    });

    it('HEAD requests: not recorded at all', async () => {
      const phone = h.phone(PHONE_UA);
      expect((await read(phone, `/s/${session.token}`, {}, 'HEAD')).status).toBe(200);
      expect((await read(phone, `/s/${session.token}/d/${docs[0]!.id}`, {}, 'HEAD')).status).toBe(200);
      expect((await h.stats(meeting.id)).totals).toEqual(before.totals);
    });

    it("the page's own refresh polls: not new views", async () => {
      const phone = h.phone(PHONE_UA);
      const first = await read(phone, `/s/${session.token}`);
      const etag = first.headers.get('etag')!;
      const mid = await h.stats(meeting.id);
      expect(mid.totals.views).toBe(before.totals.views + 1);
      for (let i = 0; i < 3; i++) expect((await read(phone, `/s/${session.token}`, { 'if-none-match': etag, 'x-qrhop-refresh': '1' })).status).toBe(304);
      expect((await read(phone, `/s/${session.token}`, { 'x-qrhop-refresh': '1' })).status).toBe(200);
      expect((await h.stats(meeting.id)).totals.views).toBe(mid.totals.views);
    });

    it('later range requests of a PDF viewer: one open, not one per range', async () => {
      const phone = h.phone(PHONE_UA);
      await read(phone, `/s/${session.token}/d/${docs[1]!.id}`, { range: 'bytes=0-1023' });
      await read(phone, `/s/${session.token}/d/${docs[1]!.id}`, { range: 'bytes=1024-2047' });
      await read(phone, `/s/${session.token}/d/${docs[1]!.id}`, { range: 'bytes=-100' });
      expect((await h.stats(meeting.id)).totals.opens).toBe(before.totals.opens + 1);
    });
  });

  it('counts two phones behind one hall Wi-Fi address as two devices, and one phone twice as one', async () => {
    const before = await h.stats(meeting.id);
    const hallIp = { 'x-forwarded-for': '203.113.45.67', 'x-real-ip': '203.113.45.67' };
    const a = h.phone(PHONE_UA, hallIp);
    const b = h.phone(IPHONE_UA, hallIp);
    await read(a, `/s/${session.token}`);
    await read(b, `/s/${session.token}`);
    await read(a, `/s/${session.token}`);
    await read(a, `/s/${session.token}/d/${docs[0]!.id}`);
    const after = await h.stats(meeting.id);
    expect(after.totals.devices - before.totals.devices).toBe(2);
    expect(after.totals.views - before.totals.views).toBe(3);
    expect(after.totals.opens - before.totals.opens).toBe(1);
    expect(after.totals.openDevices - before.totals.openDevices).toBe(1);
  });
});

describe.each(TRANSPORTS)('figures per session, document, label and time (phones through %s)', (transport) => {
  let h: DelegateApp;
  let meeting: { id: string; token: string };
  let s1: { id: string; token: string };
  let s2: { id: string; token: string };
  let resolution: string;
  let report: string;
  let appendix: string;
  let table12: string;
  let delegation: string;

  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
    meeting = await h.meeting('Hội nghị tổng kết năm 2026', { startsOn: '2026-12-01', endsOn: '2026-12-02' });
    s1 = await h.session(meeting.id, { title: 'Phiên 1: Báo cáo', startsAt: '2026-12-01T08:00:00+07:00', endsAt: '2026-12-01T11:30:00+07:00' });
    s2 = await h.session(meeting.id, { title: 'Phiên 2: Biểu quyết', startsAt: '2026-12-02T08:00:00+07:00', endsAt: '2026-12-02T11:00:00+07:00' });
    const uploaded = await h.upload(meeting.id, s1.id, ['Dự thảo Nghị quyết.pdf', 'Báo cáo tổng kết.pdf']);
    resolution = uploaded.find((d) => d.title === 'Dự thảo Nghị quyết')!.id;
    report = uploaded.find((d) => d.title === 'Báo cáo tổng kết')!.id;
    appendix = (await h.upload(meeting.id, s2.id, ['Phụ lục "đặc biệt", số 1.pdf']))[0]!.id;
    await h.publish(meeting.id);
    const labelled = await h.admin.post(`/api/sessions/${s1.id}/codes`, { labels: ['Bàn 12', 'Đoàn Gio Linh'] });
    [table12, delegation] = labelled.body.codes.map((c: any) => c.token);

    // Day 1, 08:05 (Hà Nội): three phones scan different codes of session 1.
    h.clock.now = Date.parse('2026-12-01T01:05:00Z');
    const a = h.phone(PHONE_UA);
    const b = h.phone(IPHONE_UA);
    const c = h.phone(ZALO_ANDROID_UA);
    await read(a, `/s/${table12}`);
    await read(a, `/s/${table12}/d/${resolution}`);
    h.clock.now += 10 * 60_000;
    await read(b, `/s/${delegation}`);
    await read(c, `/s/${s1.token}`);
    await read(c, `/s/${s1.token}/d/${resolution}`);
    await read(c, `/s/${s1.token}/d/${report}`);
    // Day 2, 08:20: phone b again, through the meeting code, opens the appendix of session 2.
    h.clock.now = Date.parse('2026-12-02T01:20:00Z');
    await read(b, `/s/${meeting.token}`);
    await read(b, `/s/${meeting.token}/d/${appendix}`);
    await h.relogin();
  });
  afterAll(() => h.close());

  it('gives totals, the funnel and the labels', async () => {
    const stats = await h.stats(meeting.id);
    expect(stats.totals).toMatchObject({ views: 4, opens: 4, devices: 3, openDevices: 3, documentsOpened: 3, bots: 0 });
    expect(stats.funnel).toEqual({ scanned: 3, opened: 3, rate: 1 });
    const byLabel = Object.fromEntries(stats.perLabel.map((l: any) => [l.label ?? '(none)', l]));
    expect(byLabel['Bàn 12']).toMatchObject({ views: 1, opens: 1, devices: 1, openDevices: 1, rate: 1 });
    expect(byLabel['Đoàn Gio Linh']).toMatchObject({ views: 1, opens: 0, devices: 1, openDevices: 0, rate: 0 });
    expect(byLabel['(none)']).toMatchObject({ views: 2, opens: 3, devices: 2, openDevices: 2 });
  });

  it('gives each session (with its labels) through its own codes, and the meeting code its own row, for views and opens alike', async () => {
    const stats = await h.stats(meeting.id);
    const [first, second, meetingCode] = stats.perSession;
    expect(first).toMatchObject({ sessionId: s1.id, title: 'Phiên 1: Báo cáo', views: 3, opens: 3, devices: 3, openDevices: 2 });
    expect(first.byLabel.map((l: any) => [l.label, l.views, l.opens])).toEqual([[null, 1, 2], ['Bàn 12', 1, 1], ['Đoàn Gio Linh', 1, 0]]);
    // Session 2's appendix was opened from the meeting code: it counts there, not as "session 2 · 0 views · 1 open".
    expect(second).toMatchObject({ sessionId: s2.id, title: 'Phiên 2: Biểu quyết', views: 0, opens: 0, devices: 0 });
    expect(meetingCode).toMatchObject({ sessionId: null, title: null, views: 1, opens: 1, devices: 1, openDevices: 1 });
  });

  it('gives each document its opens and unique devices, per label too, unopened ones included', async () => {
    const stats = await h.stats(meeting.id);
    const doc = (id: string) => stats.perDocument.find((d: any) => d.documentId === id);
    expect(doc(resolution)).toMatchObject({ title: 'Dự thảo Nghị quyết', opens: 2, devices: 2 });
    expect(doc(resolution).byLabel).toEqual([{ label: null, opens: 1, devices: 1 }, { label: 'Bàn 12', opens: 1, devices: 1 }]);
    expect(doc(report)).toMatchObject({ opens: 1, devices: 1 });
    expect(stats.perDocument[0].documentId).toBe(resolution);
    const unopened = (await h.upload(meeting.id, s2.id, ['Chưa ai mở.pdf']))[0]!.id;
    expect((await h.stats(meeting.id)).perDocument.find((d: any) => d.documentId === unopened)).toMatchObject({ opens: 0, devices: 0, byLabel: [] });
  });

  it('draws the timeline in buckets suited to the meeting (27 h from first session to last: half hours), at local times, labels attributed', async () => {
    const { timeline } = await h.stats(meeting.id);
    expect(timeline.bucketMs).toBe(30 * 60_000);
    expect(timeline.from).toBe('2026-12-01T01:00:00.000Z'); // 08:00 in Hà Nội, the first session's start
    expect(timeline.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(timeline.points.length).toBeLessThanOrEqual(60);
    const at8 = timeline.points.find((p: any) => p.at === '2026-12-01T01:00:00.000Z'); // 08:00–08:30 in Hà Nội
    expect(at8).toMatchObject({ views: 3, opens: 3, devices: 3 });
    expect(at8.byLabel).toEqual(expect.arrayContaining([{ label: 'Bàn 12', views: 1, opens: 1 }, { label: 'Đoàn Gio Linh', views: 1, opens: 0 }]));
    const day2 = timeline.points.find((p: any) => p.at === '2026-12-02T01:00:00.000Z');
    expect(day2).toMatchObject({ views: 1, opens: 1, devices: 1 });
    // Empty hours are there too, so the chart's axis is even.
    expect(timeline.points.filter((p: any) => p.views === 0 && p.opens === 0).length).toBeGreaterThan(40);
    expect(timeline.points.at(-1).at).toBe('2026-12-02T04:00:00.000Z'); // the bucket holding 11:00, when the last session ends
    const sum = timeline.points.reduce((acc: number, p: any) => acc + p.views + p.opens, 0);
    expect(sum).toBe(8);
  });

  it('exports access.csv in UTF-8 with a BOM that reads back with Vietnamese intact', async () => {
    const res = await h.admin.fetch(`/api/meetings/${meeting.id}/access.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Hội nghị tổng kết năm 2026 - truy cập.csv')}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(['time_utc', 'time_local', 'kind', 'session', 'label', 'document', 'page', 'device', 'browser', 'os', 'bot', 'document_signature']);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual(['2026-12-01T01:05:00.000Z', '2026-12-01 08:05:00', 'view', 'Phiên 1: Báo cáo', 'Bàn 12', '', '', expect.stringMatching(/^(?:\w[\w-]{11}|'-[\w-]{11})$/), 'Chrome', 'Android', 'no', '']);
    expect(rows[1]).toMatchObject({ 2: 'open', 5: 'Dự thảo Nghị quyết' });
    expect(rows.map((r) => r[4])).toContain('Đoàn Gio Linh');
    expect(rows.find((r) => r[8] === 'Zalo')).toBeDefined();
    // Quotes and commas in a title survive the round trip.
    expect(rows.at(-1)![5]).toBe('Phụ lục "đặc biệt", số 1');
    expect(rows.at(-1)![3]).toBe('Phiên 2: Biểu quyết');
    // The text is NFC: what Excel shows is what the organizer typed.
    expect(text).toBe(text.normalize('NFC'));
  });

  it('offers a semicolon-separated CSV for a Vietnamese Excel, and defuses formulas', async () => {
    await h.admin.patch(`/api/documents/${report}`, { title: '=HYPERLINK("http://x")' });
    const text = (await (await h.admin.fetch(`/api/meetings/${meeting.id}/access.csv?sep=;`)).text()).replace(/^\uFEFF/, '');
    const rows = parseCsv(text, ';');
    expect(rows[0]![0]).toBe('time_utc');
    expect(rows.some((r) => r[5] === `'=HYPERLINK("http://x")`)).toBe(true);
    expect(rows.some((r) => r[5] === 'Phụ lục "đặc biệt", số 1')).toBe(true);
  });

  it('keeps both to the meeting’s organizers', async () => {
    const outsider = await h.admin.post('/api/users', { email: 'other@example.org', name: 'Người khác', password: 'another long password' });
    expect(outsider.status).toBe(201);
    const { ApiClient } = await import('../support/api-client');
    const other = new ApiClient(h.fetch);
    await other.login('other@example.org', 'another long password');
    expect((await other.get(`/api/meetings/${meeting.id}/stats`)).status).toBe(404);
    expect((await other.fetch(`/api/meetings/${meeting.id}/access.csv`)).status).toBe(404);
  });
});
