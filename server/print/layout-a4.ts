import { boxForSymbolSide, symbolSideForBox } from './qr-matrix';
import { drawQr } from './draw-qr';
import { drawHeader, hasHeader } from './header';
import type { LayoutContext, PreparedCard } from './layout-context';
import { drawBlock, fitBlock } from './text-block';
import { A4, mm, type Rect } from './units';

// One card per A4 portrait page: a sheet taped to a door or a lectern, read
// from a few metres, so the code gets everything the text does not need.
const MARGIN = mm(14);
const HEADER_HEIGHT = mm(16);
const HEADER_GAP = mm(5);
const GAP = mm(2);

/** The symbol (without quiet zone) is never printed smaller than 12 cm. */
export const A4_SYMBOL = { min: mm(120), max: mm(150) } as const;

/** The area every mark of a page stays inside: the page less its margins. */
export const A4_CONTENT: Rect = { x: MARGIN, y: MARGIN, width: A4.width - 2 * MARGIN, height: A4.height - 2 * MARGIN };

export function renderA4(ctx: LayoutContext, cards: PreparedCard[]): void {
  for (const card of cards) drawA4Page(ctx, card);
}

function drawA4Page(ctx: LayoutContext, card: PreparedCard): void {
  const page = ctx.doc.addPage([A4.width, A4.height]);
  const { regular, bold } = ctx.fonts;
  const { x, width } = A4_CONTENT;
  let top = A4_CONTENT.y + A4_CONTENT.height;

  const header = { ...ctx.header, font: bold, size: 13, minSize: 10, maxLines: 2 };
  if (hasHeader(header)) {
    drawHeader(page, header, { x, y: top - HEADER_HEIGHT, width, height: HEADER_HEIGHT }, 'center', mm(60));
    top -= HEADER_HEIGHT + HEADER_GAP;
  }

  // Under the code: what to do, and the URL to type when a phone cannot scan.
  const footer = fitBlock(
    [
      { text: ctx.instruction, font: bold, size: 16, minSize: 12, maxLines: 1 },
      { text: card.text.url, font: regular, size: 12, minSize: 9, maxLines: 2, gray: 0.25, gapBefore: 4 },
    ],
    width,
    mm(30),
  );

  // Titles get the space the code can spare at its minimum size, no more.
  const n = card.qr.size;
  const bottom = A4_CONTENT.y;
  const titles = fitBlock(
    [
      { text: card.text.secondary, font: regular, size: 15, minSize: 11, maxLines: 2, gray: 0.3 },
      { text: card.text.primary, font: bold, size: 24, minSize: 16, maxLines: 3, gapBefore: 6 },
      { text: card.text.details, font: regular, size: 14, minSize: 11, maxLines: 2, gray: 0.15, gapBefore: 6, priority: 0 },
      { text: card.text.window, font: bold, size: 13, minSize: 10, maxLines: 2, gray: 0.15, gapBefore: 4, priority: 1 },
      { text: card.text.label, font: bold, size: 30, minSize: 20, maxLines: 1, gapBefore: 10, priority: 2 },
    ],
    width,
    top - bottom - footer.height - 2 * GAP - boxForSymbolSide(A4_SYMBOL.min, n),
  );
  drawBlock(page, titles, x, width, top, 'center');

  // The code grows into whatever is left, up to the maximum and the page width.
  const room = top - titles.height - footer.height - 2 * GAP - bottom;
  const symbol = Math.min(A4_SYMBOL.max, symbolSideForBox(room, n), symbolSideForBox(width, n));
  const box = boxForSymbolSide(symbol, n);
  const slack = room - box;
  const boxTop = top - titles.height - GAP - slack / 2;
  const quiet = (box - symbol) / 2;
  drawQr(page, card.qr, x + (width - symbol) / 2, boxTop - quiet, symbol);
  drawBlock(page, footer, x, width, boxTop - box - GAP, 'center');
}
