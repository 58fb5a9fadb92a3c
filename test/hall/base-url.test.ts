// The address the QR codes encode: its precedence (PUBLIC_URL, stored, guessed, request),
// who may change it, and the warning when printed sheets carry another one.
import { afterEach, describe, expect, it } from 'vitest';
import { pdfWords, writePdf } from '../print/poppler';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';

const ADMIN = { email: 'admin@example.org', name: 'Admin', password: 'mat-khau-quan-tri', role: 'admin' as const };
const ORGANIZER = { email: 'org@example.org', name: 'Org', password: 'mat-khau-to-chuc', role: 'organizer' as const };

let app: NodeTestApp;
afterEach(async () => app?.close());

async function setUp(settings: { publicUrl?: string; guessedPublicUrl?: string }) {
  app = await makeNodeApp({ settings: { publicUrl: undefined, ...settings } });
  await app.addUser(ADMIN);
  await app.addUser(ORGANIZER);
  const admin = new ApiClient(app.fetch);
  await admin.login(ADMIN.email, ADMIN.password);
  return admin;
}

async function meetingWithCodes(api: ApiClient) {
  const meeting = (await api.post('/api/meetings', { title: 'Kỳ họp thứ 9' })).body;
  const s1 = (await api.post(`/api/meetings/${meeting.meeting.id}/sessions`, { title: 'Khai mạc' })).body;
  const s2 = (await api.post(`/api/meetings/${meeting.meeting.id}/sessions`, { title: 'Thảo luận' })).body;
  return { id: meeting.meeting.id as string, sessionIds: [s1.session?.id ?? s1.id, s2.session?.id ?? s2.id] as string[] };
}

const print = (api: ApiClient, meetingId: string, query = 'layout=a4&variants=primary&meeting=1') => api.fetch(`/api/meetings/${meetingId}/sheets.pdf?${query}`);

describe('base URL', () => {
  it('is the guess at start-up until an admin stores one; the codes follow; clearing goes back to the guess', async () => {
    const api = await setUp({ guessedPublicUrl: 'http://192.168.1.20:3000' });
    let info = (await api.get('/api/base-url')).body;
    expect(info).toMatchObject({ url: 'http://192.168.1.20:3000', source: 'guessed', kind: 'lan', secure: false, editable: true });

    const put = await api.put('/api/base-url', { url: 'https://qr.so-noi-vu.gov.vn/' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ url: 'https://qr.so-noi-vu.gov.vn', source: 'stored', kind: 'public', secure: true });
    const { id } = await meetingWithCodes(api);
    const detail = (await api.get(`/api/meetings/${id}`)).body;
    expect(detail.codes[0].url).toMatch(/^https:\/\/qr\.so-noi-vu\.gov\.vn\/s\//);

    expect((await api.put('/api/base-url', { url: null })).body).toMatchObject({ url: 'http://192.168.1.20:3000', source: 'guessed' });
  });

  it('refuses a malformed address, and organizers may read but not change it', async () => {
    const api = await setUp({ guessedPublicUrl: 'http://192.168.1.20:3000' });
    const bad = await api.put('/api/base-url', { url: 'qr.example.vn/?x=1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('url');
    const org = new ApiClient(app.fetch);
    await org.login(ORGANIZER.email, ORGANIZER.password);
    expect((await org.get('/api/base-url')).body).toMatchObject({ editable: false, stale: null });
    expect((await org.put('/api/base-url', { url: 'http://10.0.0.2:3000' })).status).toBe(403);
    expect((await api.get('/api/base-url')).body.url).toBe('http://192.168.1.20:3000');
  });

  it('PUBLIC_URL wins over the stored address and cannot be changed from the console', async () => {
    const api = await setUp({ publicUrl: 'https://qr.example.vn', guessedPublicUrl: 'http://192.168.1.20:3000' });
    expect((await api.get('/api/base-url')).body).toMatchObject({ url: 'https://qr.example.vn', source: 'env', editable: false });
    expect((await api.put('/api/base-url', { url: 'http://10.0.0.2:3000' })).status).toBe(403);
  });

  it('without any setting, the origin of the request', async () => {
    const api = await setUp({});
    expect((await api.get('/api/base-url')).body).toMatchObject({ url: 'http://localhost', source: 'request', kind: 'local', secure: true });
  });
});

describe('printed sheets and a changed base URL', () => {
  it('counts the sheets and codes printed with another address, not those printed again since', async () => {
    const api = await setUp({ guessedPublicUrl: 'http://192.168.1.20:3000' });
    const { id, sessionIds } = await meetingWithCodes(api);
    // Two tables for session 1: its sheet holds the main code and two variants.
    await api.post(`/api/sessions/${sessionIds[0]}/codes`, { labels: ['Bàn 1', 'Bàn 2'] });
    expect((await print(api, id)).status).toBe(200); // meeting + 2 sessions = 3 codes
    expect((await print(api, id, `layout=tent&variants=labels&sessions=${sessionIds[0]}&meeting=0`)).status).toBe(200); // 2 codes
    const none = (await api.get(`/api/meetings/${id}/printed-sheets`)).body;
    expect(none.stale).toEqual({ sheets: 0, codes: 0, printedWith: [] });

    await api.put('/api/base-url', { url: 'http://10.10.0.5:3000' });
    const stale = (await api.get(`/api/meetings/${id}/printed-sheets`)).body;
    expect(stale).toEqual({ baseUrl: 'http://10.10.0.5:3000', stale: { sheets: 2, codes: 5, printedWith: ['http://192.168.1.20:3000'] } });
    expect((await api.get('/api/base-url')).body.stale).toEqual({ sheets: 2, codes: 5, printedWith: ['http://192.168.1.20:3000'] });

    // Reprinting the A4 sheet with the new address leaves only the tent cards stale.
    await print(api, id);
    expect((await api.get(`/api/meetings/${id}/printed-sheets`)).body.stale).toEqual({ sheets: 1, codes: 2, printedWith: ['http://192.168.1.20:3000'] });
    // Going back to the first address: the reprint is the stale one now (3 codes), the tent cards are fine again.
    await api.put('/api/base-url', { url: null });
    expect((await api.get(`/api/meetings/${id}/printed-sheets`)).body.stale).toEqual({ sheets: 1, codes: 3, printedWith: ['http://10.10.0.5:3000'] });
  });

  it('every page says at its foot when it was printed and with which address, below the cards', async () => {
    const api = await setUp({ guessedPublicUrl: 'http://192.168.1.20:3000' });
    const { id, sessionIds } = await meetingWithCodes(api);
    await api.post(`/api/sessions/${sessionIds[0]}/codes`, { labels: Array.from({ length: 7 }, (_, i) => `Bàn ${i + 1}`) });
    // The meeting's timezone (Asia/Ho_Chi_Minh by default), minute and day as on the agenda.
    const hanoi = (at: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' }).format(at).replace(/^(\S+), (\S+)$/, '$2 ngày $1');
    for (const layout of ['a4', 'tent', 'grid'] as const) {
      const before = hanoi(Date.now());
      const res = await print(api, id, `layout=${layout}&variants=all&meeting=1`);
      const after = hanoi(Date.now());
      const pdf = await writePdf(new Uint8Array(await res.arrayBuffer()));
      try {
        const pages = await pdfWords(pdf);
        expect(pages.length).toBeGreaterThan(1);
        for (const page of pages) {
          const foot = page.words.filter((w) => w.yMin > page.height - 28);
          const line = foot.map((w) => w.text).join(' ');
          expect([`In lúc ${before} · địa chỉ http://192.168.1.20:3000`, `In lúc ${after} · địa chỉ http://192.168.1.20:3000`]).toContain(line);
          // Inside the page, above the printer's unprintable 5 mm (14 pt), below the grid's 8 mm
          // margin (22.7 pt) where its cards begin, left of its middle crop mark (x = 105 mm).
          for (const w of foot) expect(w.yMax).toBeLessThan(page.height - 14);
          for (const w of foot) expect(w.yMin).toBeGreaterThan(page.height - 22.7);
          expect(Math.max(...foot.map((w) => w.xMax))).toBeLessThan(297);
        }
      } finally {
        await pdf.cleanup();
      }
    }
  });

  it('a revoked code on an old sheet is not counted', async () => {
    const api = await setUp({ guessedPublicUrl: 'http://192.168.1.20:3000' });
    const { id } = await meetingWithCodes(api);
    await print(api, id);
    const detail = (await api.get(`/api/meetings/${id}`)).body;
    await api.del(`/api/codes/${detail.codes[0].id}`);
    await api.put('/api/base-url', { url: 'http://10.10.0.5:3000' });
    expect((await api.get(`/api/meetings/${id}/printed-sheets`)).body.stale).toMatchObject({ sheets: 1, codes: 2 });
  });

  it('names the PDF after the meeting (and the session), Vietnamese intact', async () => {
    const api = await setUp({ guessedPublicUrl: 'http://192.168.1.20:3000' });
    const { id, sessionIds } = await meetingWithCodes(api);
    const all = await print(api, id);
    expect(all.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Mã QR - Kỳ họp thứ 9 (A4).pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    const one = await print(api, id, `layout=tent&sessions=${sessionIds[1]}&meeting=0`);
    const star = decodeURIComponent(one.headers.get('content-disposition')!.split("filename*=UTF-8''")[1]!);
    expect(star).toBe('Mã QR - Kỳ họp thứ 9 - Thảo luận (bảng gấp).pdf');
  });
});
