import type { PNG } from 'pngjs';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cardRegions, MIN_SYMBOL_SIDE, TENT_FOLD, type SheetLayout } from '../../server/print/render-sheets';
import { logoPng, renderSheets, tableCards } from './fixtures';
import { collapse, jpegOf, pdfImages, pdfText, pdfWords, rasterize, tempPdfs } from './poppler';
import { crop, scan, wholePage } from './qr-scan';
import { regionOf, toBox } from './regions';

// 100 dpi: the smallest grid module (5 cm / 33 modules) is still ~6 px wide.
const DPI = 100;
const LAYOUTS: SheetLayout[] = ['a4', 'tent', 'grid'];

const file = tempPdfs();

// What the brief requires of the printed symbol (quiet zone excluded), in mm:
// 12 cm on a full page; a tenth of 50 cm reading distance on tents and cards.
const REQUIRED_MM: Record<SheetLayout, number> = { a4: 120, tent: 50, grid: 50 };
// One pixel of anti-aliasing at the symbol's edges.
const minSidePx = (layout: SheetLayout): number => (REQUIRED_MM[layout] / 25.4) * DPI - 1;
const pageHeightPt = (png: { height: number }): number => (png.height / DPI) * 72;

/** The label's two words ('Bàn', '7') side by side among a region's words. */
function hasLabel(words: string[], n: number): boolean {
  return words.some((word, i) => word === 'Bàn' && words[i + 1] === String(n));
}

it('promises at least the required symbol sizes', () => {
  for (const layout of LAYOUTS) expect(MIN_SYMBOL_SIDE[layout]).toBeGreaterThanOrEqual((REQUIRED_MM[layout] / 25.4) * 72);
});

describe('every code on every page decodes to its card URL', () => {
  it('uses ten distinct URLs in these checks', () => {
    expect(new Set(tableCards(10).map((card) => card.url)).size).toBe(10);
  });

  it('a4: ten labelled variants, one per page', async () => {
    const cards = tableCards(10, 'NFD');
    const pdf = await file(await renderSheets(cards, { layout: 'a4' }));
    const pages = await rasterize(pdf, DPI);
    const texts = await pdfText(pdf);
    expect(pages).toHaveLength(10);
    pages.forEach((png, p) => {
      const found = scan(wholePage(png));
      expect(found?.text).toBe(cards[p]!.url);
      expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx('a4'));
      expect(found!.quietZoneClear, 'quiet zone of 4 modules is blank').toBe(true);
      // The label printed on a page belongs to the code on that page.
      expect(texts[p]!.split('\n').map((line) => line.trim())).toContain(`Bàn ${p + 1}`);
    });
  });

  it('tent: both halves of every page, the upper one turned 180°', async () => {
    const cards = tableCards(10);
    const pdf = await file(await renderSheets(cards, { layout: 'tent' }));
    const pages = await rasterize(pdf, DPI);
    expect(pages).toHaveLength(10);
    const [lower, upper] = cardRegions('tent');
    pages.forEach((png, p) => {
      const height = pageHeightPt(png);
      const [below, above] = [lower!, upper!].map((face) => {
        const found = scan(crop(png, face, height, DPI));
        expect(found?.text).toBe(cards[p]!.url);
        expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx('tent'));
        expect(found!.quietZoneClear, 'quiet zone of 4 modules is blank').toBe(true);
        return found!.location;
      });
      // jsQR reports the symbol's own top-left corner: on the upper face it
      // must be at the bottom right of the crop, i.e. the face is upside down.
      expect(below!.topLeftCorner.y).toBeLessThan(below!.bottomRightCorner.y);
      expect(above!.topLeftCorner.y).toBeGreaterThan(above!.bottomRightCorner.y);
      expect(above!.topLeftCorner.x).toBeGreaterThan(above!.bottomRightCorner.x);
      expectDashedRow(png, Math.round(((height - TENT_FOLD) / 72) * DPI));
    });
  });

  it('grid: ten labelled variants over two pages, each card in its own slot', async () => {
    const cards = tableCards(10, 'NFD');
    const pdf = await file(await renderSheets(cards, { layout: 'grid' }));
    const pages = await rasterize(pdf, DPI);
    const words = await pdfWords(pdf);
    const slots = cardRegions('grid');
    expect(pages).toHaveLength(Math.ceil(cards.length / slots.length));
    const decoded: string[] = [];
    pages.forEach((png, p) => {
      const height = pageHeightPt(png);
      const boxes = slots.map((slot) => toBox(slot, height));
      slots.forEach((slot, s) => {
        const index = p * slots.length + s;
        const found = scan(crop(png, slot, height, DPI));
        if (index >= cards.length) {
          expect(found, `empty slot ${s} on page ${p + 1}`).toBeNull();
          return;
        }
        expect(found?.text).toBe(cards[index]!.url);
        expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx('grid'));
        expect(found!.quietZoneClear, 'quiet zone of 4 modules is blank').toBe(true);
        const inSlot = words[p]!.words.filter((w) => regionOf(w, boxes) === s).map((w) => w.text);
        expect(hasLabel(inSlot, index + 1), `label Bàn ${index + 1} printed with its code`).toBe(true);
        decoded.push(found!.text);
      });
    });
    expect(decoded.sort()).toEqual(cards.map((card) => card.url).sort());
    // Crop marks in the top margin extend the three vertical cuts, and nothing else is printed there.
    const cutsPx = [...new Set(slots.flatMap((s) => [s.x, s.x + s.width]))].map((x) => Math.round((x / 72) * DPI));
    const markRow = Math.round((4 / 25.4) * DPI);
    for (const png of pages) {
      const dark = darkColumns(png, markRow);
      expect(dark.length).toBeGreaterThan(0);
      for (const x of dark) expect(cutsPx.some((cut) => Math.abs(cut - x) <= 1), `mark at x=${x}px is on a cut`).toBe(true);
      for (const cut of cutsPx) expect(dark.some((x) => Math.abs(cut - x) <= 1), `cut at x=${cut}px has a mark`).toBe(true);
    }
  });
});

describe.each(LAYOUTS)('%s with the shortest and a long URL', (layout) => {
  it('keeps every code at its minimum size, with a clear quiet zone', async () => {
    const urls = [
      'https://q.vn/a', // 14 bytes: version 1, the widest quiet zone relative to the symbol
      `https://qrhop.example.vn/s/${'x'.repeat(22)}?utm_source=zalo&utm_medium=qr&utm_campaign=${'hội-nghị'.repeat(6)}`,
    ];
    const cards = urls.map((url, i) => ({ url, meetingTitle: 'Hội nghị', label: `Bàn ${i + 1}` }));
    const pdf = await file(await renderSheets(cards, { layout, organizer: 'Văn phòng', logo: { bytes: logoPng(), type: 'png' } }));
    const pages = await rasterize(pdf, DPI);
    const regions = cardRegions(layout);
    cards.forEach((card, index) => {
      const png = pages[layout === 'grid' ? 0 : index]!;
      const faces = layout === 'grid' ? [regions[index]!] : regions;
      for (const face of faces) {
        const found = scan(layout === 'a4' ? wholePage(png) : crop(png, face, pageHeightPt(png), DPI));
        expect(found?.text).toBe(card.url);
        expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx(layout));
        expect(found!.quietZoneClear).toBe(true);
      }
    });
    expect(collapse((await pdfText(pdf)).join(' ')).replace(/ /g, '')).toContain(urls[1]);
  });
});

describe.each(LAYOUTS)('%s with a logo and an organizer name', (layout) => {
  it.each([
    ['square', 120, 120],
    ['wide', 480, 60],
    ['tall', 60, 300],
  ])('keeps the code at full size and readable (%s logo)', async (_shape, width, height) => {
    const cards = tableCards(layout === 'grid' ? 6 : 2);
    const organizer = 'Ban Tổ chức Huyện ủy — Văn phòng Huyện ủy Gio Linh, tỉnh Quảng Trị';
    const pdf = await file(
      await renderSheets(cards, { layout, organizer, logo: { bytes: logoPng(width, height), type: 'png' } }),
    );
    const pages = await rasterize(pdf, DPI);
    const regions = cardRegions(layout);
    let faces = 0;
    pages.forEach((png, p) => {
      const height = pageHeightPt(png);
      regions.forEach((region, r) => {
        const index = layout === 'grid' ? p * regions.length + r : p;
        const found = scan(layout === 'a4' ? wholePage(png) : crop(png, region, height, DPI));
        expect(found?.text).toBe(cards[index]!.url);
        expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx(layout));
        expect(found!.quietZoneClear, 'quiet zone of 4 modules is blank').toBe(true);
        faces++;
      });
    });
    // The logo is drawn once per face, from a single embedded image.
    expect(await pdfImages(pdf)).toHaveLength(faces);
    expect((await pdfText(pdf)).join(' ').replace(/\s+/g, ' ')).toContain('Gio Linh');
  });

  it('takes a JPEG logo too', async () => {
    // A 3 × 2 cm emblem drawn with pdf-lib, then turned into a JPEG by pdftoppm.
    const source = await PDFDocument.create();
    source.addPage([85, 57]).drawCircle({ x: 42, y: 28, size: 22, color: rgb(0.8, 0.1, 0.1) });
    const jpeg = await jpegOf(await file(await source.save()), 150);
    const cards = tableCards(layout === 'grid' ? 6 : 1);
    const pdf = await file(await renderSheets(cards, { layout, organizer: 'Văn phòng', logo: { bytes: jpeg, type: 'jpg' } }));
    const pages = await rasterize(pdf, DPI);
    const region = cardRegions(layout)[0]!;
    const found = scan(layout === 'a4' ? wholePage(pages[0]!) : crop(pages[0]!, region, pageHeightPt(pages[0]!), DPI));
    expect(found?.text).toBe(cards[0]!.url);
    expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx(layout));
    // Embedded as-is: DCT-encoded, no re-compression.
    expect((await pdfImages(pdf))[0]).toMatch(/\bjpeg\b/);
  });
});

const luma = (png: PNG, x: number, y: number): number => {
  const i = (y * png.width + x) * 4;
  return 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
};

/** Columns of one pixel row that are clearly inked. */
function darkColumns(png: PNG, y: number): number[] {
  return Array.from({ length: png.width }, (_, x) => x).filter((x) => luma(png, x, y) < 160);
}

/** A dashed line across the page at about row y: inked 40–80 % of the width, in many separate dashes. */
function expectDashedRow(png: PNG, y: number): void {
  const inked = Array.from({ length: png.width }, (_, x) =>
    [y - 1, y, y + 1].some((row) => luma(png, x, row) < 235),
  );
  const share = inked.filter(Boolean).length / png.width;
  const dashes = inked.filter((on, x) => on && !inked[x - 1]).length;
  expect(share).toBeGreaterThan(0.4);
  expect(share).toBeLessThan(0.8);
  expect(dashes).toBeGreaterThan(50);
}
