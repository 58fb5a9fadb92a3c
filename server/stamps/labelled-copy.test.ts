import { PDFDocument, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeLockedPdf } from '../../test/reader/office-fixtures';
import { readPdf } from '../../test/support/read-pdf';
import { readSheetFonts } from '../runtime/node/font-bytes';
import { stampParts, stampPdf } from './labelled-copy';

/** An A4 portrait page, a landscape page, and a portrait page stored with /Rotate 90 (a scanner's landscape). */
async function mixedPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  doc.addPage([841.89, 595.28]);
  doc.addPage([595.28, 841.89]).setRotation(degrees(90));
  return doc.save();
}

describe('stampPdf', () => {
  it('a 200-character label is cut with "…" on its own line (the meeting and day on the next), inside every page whatever its size or rotation', async () => {
    const label = `Đoàn đại biểu ${'Hội đồng nhân dân tỉnh Quảng Trị '.repeat(6)}`.slice(0, 200);
    expect(label).toHaveLength(200);
    const parts = stampParts({ label, meetingTitle: 'Kỳ họp thứ 12 HĐND huyện Gio Linh', timezone: 'Asia/Ho_Chi_Minh', at: Date.parse('2026-12-01T20:00:00Z') });
    // 20:00 UTC is 03:00 the next day in Hà Nội: the stamp's day is the meeting's.
    expect(parts.tail).toBe(' · tải ngày 02/12/2026');
    const made = await stampPdf(await mixedPages(), parts, readSheetFonts());
    if (!made.ok) throw new Error(made.reason);
    const pdf = readPdf(made.bytes);
    for (let p = 1; p <= 3; p++) {
      const { width, height } = pdf.pageSize(p);
      const seen = p === 3 ? { width: height, height: width } : { width, height };
      const words = pdf.words(p);
      expect(words.length).toBeGreaterThan(10);
      for (const w of words) {
        expect(w.xMin).toBeGreaterThanOrEqual(0);
        expect(w.xMax).toBeLessThanOrEqual(seen.width);
        expect(w.yMax).toBeLessThanOrEqual(seen.height);
        // In the bottom margin (the last 40 pt of the seen page), level: not run up the side of a rotated page.
        expect(w.yMin).toBeGreaterThan(seen.height - 40);
      }
      const text = pdf.text(p).replace(/\s+/g, ' ');
      expect(text).toContain('Bản cấp cho: Đoàn đại biểu Hội đồng nhân dân');
      expect(text).toMatch(/Hội đồng nhân dân tỉnh Quảng Trị Hội đồng.*…/);
      // The day is never cut away.
      expect(text).toContain('Kỳ họp thứ 12 HĐND huyện Gio Linh · tải ngày 02/12/2026');
    }
  }, 60_000);

  it('refuses an encrypted PDF (served as it is) and a broken one', async () => {
    expect(await stampPdf(makeLockedPdf(), { label: 'x', meeting: 'y', tail: 'z' }, readSheetFonts())).toEqual({ ok: false, reason: 'encrypted' });
    expect(await stampPdf(new TextEncoder().encode('%PDF-1.7 nothing'), { label: 'x', meeting: 'y', tail: 'z' }, readSheetFonts())).toEqual({ ok: false, reason: 'broken' });
  });
});
