import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardRegions, type SheetLayout } from '../../server/print/render-sheets';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { collapse, pdfText, rasterize, writePdf } from './poppler';
import { crop, scan } from './qr-scan';

const MEETING = 'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12';
const SESSIONS = ['Phiên 1: Báo cáo chính trị', 'Phiên 2: Thảo luận tổ'];
const A4_HEIGHT = 841.89;
const TENT_HEIGHT = 595.28;

let t: NodeTestApp;
let api: ApiClient;
let meetingId: string;
let sessionIds: string[] = [];
const urls: Record<string, string[]> = {};

async function decodeAll(pdfBytes: Uint8Array, layout: SheetLayout): Promise<{ text: string; found: string[] }> {
  const pdf = await writePdf(pdfBytes);
  try {
    const text = collapse((await pdfText(pdf)).join(' '));
    const pages = await rasterize(pdf, 100);
    const found: string[] = [];
    for (const page of pages) {
      const height = layout === 'tent' ? TENT_HEIGHT : A4_HEIGHT;
      const regions = layout === 'tent' ? cardRegions(layout).slice(0, 1) : cardRegions(layout);
      for (const region of regions) {
        const hit = scan(crop(page as PNG, region, height, 100));
        if (hit) found.push(hit.text);
      }
    }
    return { text, found };
  } finally {
    await pdf.cleanup();
  }
}

beforeAll(async () => {
  t = await makeNodeApp();
  await t.addUser({ email: 'org@example.org', name: 'Văn phòng', password: 'print-route-password', role: 'organizer' });
  api = new ApiClient(t.fetch);
  await api.login('org@example.org', 'print-route-password');
  // Titles arrive decomposed, as from a macOS folder name.
  const created = await api.post('/api/meetings', { title: MEETING.normalize('NFD'), organizer: 'Huyện ủy Gio Linh'.normalize('NFD') });
  meetingId = created.body.meeting.id;
  urls.meeting = [created.body.codes[0].url];
  for (const title of SESSIONS) {
    const s = (await api.post(`/api/meetings/${meetingId}/sessions`, { title: title.normalize('NFD'), startsAt: '2026-12-01T08:00:00+07:00', endsAt: '2026-12-01T11:30:00+07:00', room: 'Hội trường A' })).body.session;
    sessionIds.push(s.id);
    urls[s.id] = [(await api.get(`/api/sessions/${s.id}/codes`)).body.codes[0].url];
  }
  const labels = (await api.post(`/api/sessions/${sessionIds[0]}/codes`, { labels: ['Bàn 10', 'Bàn 2', 'Bàn 1'] })).body.codes;
  urls.labels = labels.map((c: { url: string }) => c.url);
});
afterAll(() => t.close());

describe('GET /api/meetings/:id/sheets.pdf', () => {
  for (const layout of ['a4', 'tent', 'grid'] as const) {
    it(`${layout}: every session's code decodes to its URL, titles come out in NFC`, async () => {
      const res = await api.fetch(`/api/meetings/${meetingId}/sheets.pdf?layout=${layout}&meeting=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const { text, found } = await decodeAll(new Uint8Array(await res.arrayBuffer()), layout);
      expect(found).toEqual([urls.meeting![0], urls[sessionIds[0]!]![0], urls[sessionIds[1]!]![0]]);
      expect(text).toContain(MEETING.normalize('NFC'));
      expect(text).toContain('Huyện ủy Gio Linh');
      expect(text).toContain('Quét mã QR để xem tài liệu');
      expect(text).not.toMatch(/[\u0300-\u036f]/);
    });
  }

  it('prints all labelled variants of one session in label order', async () => {
    const res = await api.fetch(`/api/meetings/${meetingId}/sheets.pdf?layout=grid&sessions=${sessionIds[0]}&variants=labels`);
    const { text, found } = await decodeAll(new Uint8Array(await res.arrayBuffer()), 'grid');
    // Natural order: Bàn 1, Bàn 2, Bàn 10 (created as 10, 2, 1).
    expect(found).toEqual([urls.labels![2], urls.labels![1], urls.labels![0]]);
    expect(text.indexOf('Bàn 1 ')).toBeLessThan(text.indexOf('Bàn 2'));
  });

  it('puts an uploaded logo on the sheet and refuses a non-image logo', async () => {
    const png = new PNG({ width: 64, height: 64 });
    png.data.fill(0x40);
    const logo = new Uint8Array(PNG.sync.write(png));
    expect((await api.fetch(`/api/meetings/${meetingId}/logo`, { method: 'PUT', body: new TextEncoder().encode('<svg onload=alert(1)>') })).status).toBe(415);
    expect((await api.fetch(`/api/meetings/${meetingId}/logo`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: logo })).status).toBe(200);
    expect((await api.get(`/api/meetings/${meetingId}`)).body.meeting.hasLogo).toBe(true);
    const res = await api.fetch(`/api/meetings/${meetingId}/sheets.pdf?layout=a4`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes)).toMatch(/\/Subtype\s*\/Image/);
    const { found } = await decodeAll(bytes, 'a4');
    expect(found).toHaveLength(2);
  });

  it('answers a clear 4xx for an empty selection or a bad layout', async () => {
    expect((await api.get(`/api/meetings/${meetingId}/sheets.pdf?layout=poster`)).status).toBe(400);
    const none = await api.get(`/api/meetings/${meetingId}/sheets.pdf?sessions=nope`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('nothing_to_print');
  });
});

describe('the viewing window on the printed sheets', () => {
  it('prints each code\'s window (the meeting\'s, narrowed by the code\'s) in the meeting\'s time, on every layout, and the codes still decode', async () => {
    const created = await api.post('/api/meetings', { title: 'Kỳ họp chuyên đề HĐND xã' });
    const id = created.body.meeting.id as string;
    const meetingUrl = created.body.codes[0].url as string;
    expect((await api.patch(`/api/meetings/${id}`, { opensAt: '2026-12-01T07:30:00+07:00', closesAt: '2026-12-02T17:00:00+07:00' })).status).toBe(200);
    const session = (await api.post(`/api/meetings/${id}/sessions`, { title: 'Phiên chất vấn', startsAt: '2026-12-01T08:00:00+07:00', room: 'Hội trường B' })).body.session;
    const code = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0];
    // The session's code opens later on the first day and closes that evening.
    expect((await api.patch(`/api/codes/${code.id}`, { opensAt: '2026-12-01T13:30:00+07:00', closesAt: '2026-12-01T17:00:00+07:00' })).status).toBe(200);
    for (const layout of ['a4', 'tent', 'grid'] as const) {
      const res = await api.fetch(`/api/meetings/${id}/sheets.pdf?layout=${layout}&meeting=1`);
      expect(res.status).toBe(200);
      const { text, found } = await decodeAll(new Uint8Array(await res.arrayBuffer()), layout);
      expect(text).toContain('Xem tài liệu từ 07:30 ngày 01/12/2026 đến 17:00 ngày 02/12/2026'); // the meeting code
      expect(text).toContain('Xem tài liệu từ 13:30 đến 17:00 ngày 01/12/2026'); // the session's, one day
      expect(found).toEqual([meetingUrl, code.url]);
    }
    // Without a window, no line.
    expect((await api.patch(`/api/meetings/${id}`, { opensAt: null, closesAt: null })).status).toBe(200);
    expect((await api.patch(`/api/codes/${code.id}`, { opensAt: null, closesAt: null })).status).toBe(200);
    const plain = await api.fetch(`/api/meetings/${id}/sheets.pdf?layout=a4&meeting=1`);
    expect((await decodeAll(new Uint8Array(await plain.arrayBuffer()), 'a4')).text).not.toContain('Xem tài liệu từ');
  });
});
