import { PDFDocument, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeLockedPdf } from '../../test/reader/office-fixtures';
import { readPdf } from '../../test/support/read-pdf';
import { readSheetFonts } from '../runtime/node/font-bytes';
import { labelledCopy, stampParts, stampPdf } from './labelled-copy';

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

describe('labelledCopy', () => {
  it('makes one copy for simultaneous downloads of one label, and at most two stampings at once across labels', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { LocalDiskStore } = await import('../runtime/node/local-disk-store');
    const dir = mkdtempSync(join(tmpdir(), 'qrhop-stamp-'));
    try {
      const disk = await new LocalDiskStore(dir).open();
      const doc = await PDFDocument.create();
      for (let i = 0; i < 40; i++) doc.addPage([595.28, 841.89]);
      const bytes = await doc.save();
      await disk.put('docs/m/d/1', new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), { contentType: 'application/pdf' });
      let inFlight = 0;
      let most = 0;
      let reads = 0;
      // Counts stampings between reading the source and storing the copy.
      const store = Object.assign(Object.create(disk) as typeof disk, {
        get: async (key: string, range?: Parameters<typeof disk.get>[1]) => {
          if (key === 'docs/m/d/1') { reads++; most = Math.max(most, ++inFlight); }
          return disk.get(key, range);
        },
        put: async (...args: Parameters<typeof disk.put>) => {
          if (args[0].startsWith('stamped/')) inFlight--;
          return disk.put(...args);
        },
      });
      const source = { meetingId: 'm', storageKey: 'docs/m/d/1', etag: '"e1"', contentType: 'application/pdf', signatureStatus: 'unsigned' as const };
      const text = (label: string) => ({ label, meetingTitle: 'Kỳ họp', timezone: 'Asia/Ho_Chi_Minh', at: Date.parse('2026-12-01T02:00:00Z') });
      const same = await Promise.all(Array.from({ length: 5 }, () => labelledCopy(store, async () => readSheetFonts(), source, text('Bàn 1'))));
      expect(reads).toBe(1);
      expect(new Set(same.map((c) => (c.stamped ? c.storageKey : '')))).toHaveLength(1);
      reads = 0;
      const labels = await Promise.all(Array.from({ length: 6 }, (_, i) => labelledCopy(store, async () => readSheetFonts(), source, text(`Bàn ${i + 2}`))));
      expect(reads).toBe(6);
      expect(labels.every((c) => c.stamped)).toBe(true);
      expect(most).toBeLessThanOrEqual(2);
      expect(most).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
