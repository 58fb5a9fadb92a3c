import { afterEach, describe, expect, it } from 'vitest';
import { cardRegions, MIN_SYMBOL_SIDE, renderSheets, type SheetLayout } from '../../server/print/render-sheets';
import { logoPng, tableCards } from './fixtures';
import { pdfImages, pdfText, pdfWords, rasterize, writePdf, type PdfFile } from './poppler';
import { crop, scan, wholePage } from './qr-scan';
import { regionOf, toBox } from './regions';
import jsQR from 'jsqr';

// 100 dpi: the smallest grid module (5 cm / 33 modules) is still ~6 px wide.
const DPI = 100;
const LAYOUTS: SheetLayout[] = ['a4', 'tent', 'grid'];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function file(bytes: Uint8Array): Promise<PdfFile> {
  const pdf = await writePdf(bytes);
  cleanups.push(pdf.cleanup);
  return pdf;
}

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
      for (const face of [lower!, upper!]) {
        const found = scan(crop(png, face, height, DPI));
        expect(found?.text).toBe(cards[p]!.url);
        expect(found!.sidePx).toBeGreaterThanOrEqual(minSidePx('tent'));
        expect(found!.quietZoneClear, 'quiet zone of 4 modules is blank').toBe(true);
      }
      // jsQR reports the symbol's own top-left corner: on the upper face it
      // must be at the bottom right of the crop, i.e. the face is upside down.
      const lowerScan = jsQR(...cropArgs(crop(png, lower!, height, DPI)));
      const upperScan = jsQR(...cropArgs(crop(png, upper!, height, DPI)));
      expect(lowerScan!.location.topLeftCorner.y).toBeLessThan(lowerScan!.location.bottomRightCorner.y);
      expect(upperScan!.location.topLeftCorner.y).toBeGreaterThan(upperScan!.location.bottomRightCorner.y);
      expect(upperScan!.location.topLeftCorner.x).toBeGreaterThan(upperScan!.location.bottomRightCorner.x);
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
});

function cropArgs(image: ReturnType<typeof crop>): Parameters<typeof jsQR> {
  return [image.data, image.width, image.height, { inversionAttempts: 'dontInvert' }];
}
