import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardRegions } from '../../server/print/render-sheets';
import { runCli } from '../support/run-cli';
import { makeExe, makePdf } from '../support/sample-files';
import { collapse, pdfText, rasterize, writePdf } from './poppler';
import { crop, scan } from './qr-scan';

describe('qrhop import and qrhop sheets', () => {
  // Three CLI processes (tsx start-up, about 3 s of CPU each): more than the default 30 s on a loaded machine.
  it('creates a meeting from a folder tree and prints its tent cards from the command line', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrhop-cli-'));
    const env = { DATA_DIR: dataDir, PUBLIC_URL: 'https://qr.example.vn' };
    expect((await runCli(['user', 'add', '--email', 'vp@example.org', '--name', 'Văn phòng', '--password', 'cli-password-123', '--admin'], env)).code).toBe(0);

    // Folder and file names as macOS writes them (NFD).
    const root = join(mkdtempSync(join(tmpdir(), 'qrhop-import-')), 'Kỳ họp thứ 9 HĐND huyện'.normalize('NFD'));
    for (const [dir, files] of [['Phiên 10 - Bế mạc', ['Nghị quyết.pdf']], ['Phiên 2 - Thảo luận', ['b.pdf', 'a.pdf', 'virus.pdf']], ['Phiên 1 - Khai mạc', ['Diễn văn.pdf']]] as const) {
      mkdirSync(join(root, dir.normalize('NFD')), { recursive: true });
      for (const f of files) writeFileSync(join(root, dir.normalize('NFD'), f.normalize('NFD')), f === 'virus.pdf' ? makeExe() : makePdf(f));
    }
    writeFileSync(join(root, 'Chương trình.pdf'.normalize('NFD')), makePdf('ct'));

    const imported = await runCli(['import', root], env);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain('with 3 session(s) and 5 document(s)');
    expect(imported.output).toMatch(/skipped .*virus\.pdf/);

    const db = new Database(join(dataDir, 'qrhop.db'), { readonly: true });
    const meeting = db.prepare('select id, title from meetings').get() as { id: string; title: string };
    const sessions = db.prepare('select id, title from sessions order by position').all() as { id: string; title: string }[];
    const attached = db.prepare('select d.title from session_documents sd join documents d on d.id = sd.document_id where sd.session_id = ? order by sd.position').all(sessions[1]!.id) as { title: string }[];
    const tokens = sessions.map((s) => (db.prepare('select token from codes where session_id = ?').get(s.id) as { token: string }).token);
    db.close();
    expect(meeting.title).toBe('Kỳ họp thứ 9 HĐND huyện');
    expect(sessions.map((s) => s.title)).toEqual(['Phiên 1 - Khai mạc', 'Phiên 2 - Thảo luận', 'Phiên 10 - Bế mạc']);
    expect(attached.map((d) => d.title)).toEqual(['a', 'b']);

    const out = join(dataDir, 'tents.pdf');
    const printed = await runCli(['sheets', meeting.id, '--layout', 'tent', '-o', out], env);
    expect(printed.code, printed.output).toBe(0);
    const pdf = await writePdf(new Uint8Array(readFileSync(out)));
    try {
      expect(collapse((await pdfText(pdf)).join(' '))).toContain('Kỳ họp thứ 9 HĐND huyện');
      const pages = await rasterize(pdf, 100);
      const found = pages.map((page) => scan(crop(page, cardRegions('tent')[0]!, 595.28, 100))?.text);
      expect(found).toEqual(tokens.map((t) => `https://qr.example.vn/s/${t}`));
    } finally {
      await pdf.cleanup();
    }
  });
});
