// Finding 12: CSV formula escaping missed a fullwidth ＝ and a leading zero-width space, and the
// right-to-left override (U+202E) survived in stored filenames and titles ("báo cáo‮fdp.exe").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../server/access/access-csv';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf } from '../support/sample-files';

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;

describe('CSV formula escaping (finding 12)', () => {
  it('quotes cells that Excel or LibreOffice would run as formulas, after NFKC and invisible leading characters', () => {
    for (const hostile of ['＝HYPERLINK("http://evil.example","Bấm")', '\u200B=1+1', '\uFEFF@SUM(A1)', '\u202E=cmd', '＋1+1', '－2+3', '＠SUM(1)', '\u2060\u200B-1+1', ' =1+1']) {
      const cell = csvCell(hostile);
      expect(cell.replace(/^"/, ''), JSON.stringify(hostile)).toMatch(/^'/);
    }
    for (const plain of ['Báo cáo tổng kết', 'Bàn 12', '2026-12-01 08:05:09', 'Chrome']) expect(csvCell(plain)).toBe(plain);
  });
});

describe('bidi controls in names and titles (finding 12)', () => {
  let t: NodeTestApp;
  let api: ApiClient;
  beforeAll(async () => {
    t = await makeNodeApp();
    await t.addUser({ email: 'bto@example.org', name: 'BTC', password: 'bidi-test-Pw-2026', role: 'admin' });
    api = new ApiClient(t.fetch);
    await api.login('bto@example.org', 'bidi-test-Pw-2026');
  });
  afterAll(() => t?.close());

  it('removes them from stored filenames and from meeting, session, document and label titles', async () => {
    const meeting = (await api.post('/api/meetings', { title: 'Hội nghị \u202Eexe.pdf', venue: 'Hội trường \u2067A\u2069' })).body.meeting;
    expect(meeting.title).toBe('Hội nghị exe.pdf');
    expect(meeting.venue).toBe('Hội trường A');
    const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: '\u200FPhiên 1\u200E', room: 'Phòng \u202A2\u202C' })).body.session;
    expect(session.title).toBe('Phiên 1');
    expect(session.room).toBe('Phòng 2');
    const up = await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'báo cáo\u202Efdp.exe.pdf', bytes: makePdf('bidi', 5000) }]);
    expect(up.status).toBe(201);
    const doc = up.body.documents[0];
    expect(doc.filename ?? '').not.toMatch(BIDI);
    expect(doc.title).not.toMatch(BIDI);
    const stored = t.db.sqlite.prepare('select filename from document_versions').all() as { filename: string }[];
    expect(stored.map((r) => r.filename)).toEqual(['báo cáofdp.exe.pdf']);
    const renamed = await api.patch(`/api/documents/${doc.id}`, { title: 'Tờ trình \u2066mật\u2069 \u202Efdp' });
    expect(renamed.body.document.title).toBe('Tờ trình mật fdp');
    const variant = await api.post(`/api/sessions/${session.id}/codes`, { label: 'Bàn \u202E21' });
    expect(variant.body.codes[0].label).toBe('Bàn 21');
    // A title made only of controls is empty, hence refused.
    expect((await api.post('/api/meetings', { title: '\u202E\u202C' })).status).toBe(400);
  });
});
