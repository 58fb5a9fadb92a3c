import { PDFDocument, type PDFFont } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanText } from '../../server/print/clean-text';
import { embedSheetFonts } from '../../server/print/fonts';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';
import { qrMatrix } from '../../server/print/qr-matrix';
import { fitBlock } from '../../server/print/text-block';
import { ELLIPSIS, fitText, unitWidth, wrapText } from '../../server/print/wrap-text';
import QRCode from 'qrcode';

// Unit checks of the measuring and fitting rules, with the real font's metrics.

let regular: PDFFont;
let bold: PDFFont;
beforeAll(async () => {
  ({ regular, bold } = await embedSheetFonts(await PDFDocument.create(), readSheetFonts()));
});

const TITLE = 'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12 (mở rộng) thảo luận dự thảo Báo cáo chính trị';

describe('cleanText', () => {
  it('normalises to NFC and collapses whitespace and control characters', () => {
    expect(cleanText(' Hội\u00a0nghị\n\tBan  Chấp hành\u2028 '.normalize('NFD'))).toBe('Hội nghị Ban Chấp hành');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('wrapText', () => {
  it('never returns a line wider than the limit and loses no word', () => {
    const width = unitWidth(bold);
    for (const maxWidth of [60, 120, 250, 400]) {
      const lines = wrapText(TITLE, width, 14, maxWidth);
      for (const line of lines) expect(bold.widthOfTextAtSize(line, 14)).toBeLessThanOrEqual(maxWidth);
      expect(lines.join(' ')).toBe(TITLE);
    }
  });

  it('breaks a URL wider than the line, preferably after a slash, keeping every character', () => {
    const url = 'https://qrhop.example.vn/s/k3Jd9xQ2mPz7LwVb4NtR8a';
    const lines = wrapText(url, unitWidth(regular), 10, 120);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(url);
    expect(lines[0]!.endsWith('/') || lines[0]!.endsWith('.')).toBe(true);
    for (const line of lines) expect(regular.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(120);
  });
});

describe('fitText', () => {
  it('shrinks before it cuts, and balances the lines it keeps', () => {
    const natural = fitText({ text: TITLE, font: bold, size: 20, minSize: 12, maxLines: 3 }, 300);
    expect(natural.truncated).toBe(false);
    expect(natural.size).toBeLessThan(20);
    expect(natural.lines.join(' ')).toBe(TITLE);
    const widths = natural.lines.map((line) => bold.widthOfTextAtSize(line, natural.size));
    // Balanced: the last line is not a lone word under a full line.
    expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThan(0.5);
  });

  it('ellipsizes at the floor size when even that does not fit', () => {
    const fitted = fitText({ text: TITLE, font: bold, size: 20, minSize: 16, maxLines: 1 }, 200);
    expect(fitted).toMatchObject({ size: 16, truncated: true });
    expect(fitted.lines).toHaveLength(1);
    expect(fitted.lines[0]!.endsWith(ELLIPSIS)).toBe(true);
    expect(bold.widthOfTextAtSize(fitted.lines[0]!, 16)).toBeLessThanOrEqual(200);
  });
});

describe('fitBlock', () => {
  it('is never taller than its box: shrinks, then cuts lines, then drops the least important paragraph', () => {
    const specs = [
      { text: TITLE, font: bold, size: 20, minSize: 14, maxLines: 3 },
      { text: 'Phòng họp số 2', font: regular, size: 12, minSize: 9, maxLines: 1, gapBefore: 4, priority: 0 },
    ];
    for (const height of [200, 80, 40, 15, 10, 0]) {
      const block = fitBlock(specs, 250, height);
      expect(block.height).toBeLessThanOrEqual(height);
      for (const line of block.lines) expect(line.width).toBeLessThanOrEqual(250);
    }
    const roomy = fitBlock(specs, 250, 200);
    expect(roomy.lines.map((line) => line.text).join(' ')).toBe(`${TITLE} Phòng họp số 2`);
    // Shrinking alone still fits the whole title at 40 pt of height…
    expect(fitBlock(specs, 250, 40).lines.map((line) => line.text).join(' ')).toBe(`${TITLE} Phòng họp số 2`);
    // …not at 30: the title loses lines (ellipsis) before the room line goes.
    const short = fitBlock(specs, 250, 30).lines.map((line) => line.text);
    expect(short).toHaveLength(2);
    expect(short[0]!.endsWith(ELLIPSIS)).toBe(true);
    expect(short[1]).toBe('Phòng họp số 2');
    // Room for one line only: the title's first line, not the room.
    const one = fitBlock(specs, 250, 15).lines.map((line) => line.text);
    expect(one).toHaveLength(1);
    expect(one[0]!.startsWith('Hội nghị')).toBe(true);
    expect(fitBlock(specs, 250, 5).lines).toHaveLength(0);
  });
});

describe('qrMatrix', () => {
  it('runs cover exactly the dark modules of the level-M code', () => {
    const url = 'https://qrhop.example.vn/s/k3Jd9xQ2mPz7LwVb4NtR8a';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const qr = qrMatrix(url);
    expect(qr.size).toBe(modules.size);
    const painted = new Set<number>();
    for (const run of qr.runs) {
      for (let c = run.col; c < run.col + run.length; c++) painted.add(run.row * qr.size + c);
    }
    for (let r = 0; r < qr.size; r++) {
      for (let c = 0; c < qr.size; c++) expect(painted.has(r * qr.size + c)).toBe(Boolean(modules.get(r, c)));
    }
    // Merging matters: far fewer rectangles than dark modules.
    expect(qr.runs.length).toBeLessThan(painted.size / 2);
  });
});
