import { grayscale, type PDFPage } from 'pdf-lib';
import { boxForSymbolSide, symbolSideForBox } from './qr-matrix';
import { drawQr } from './draw-qr';
import type { LayoutContext, PreparedCard } from './layout-context';
import { drawBlock, fitBlock } from './text-block';
import { A4, mm, type Rect } from './units';

// Cut-out cards for tables, read at 30–50 cm: the symbol must be at least
// 5 cm (a tenth of the distance). With its 4-module quiet zone that is a
// ~64 mm square, so an A4 page holds 2 × 3 cards of 97 × 93.7 mm: the code
// top-left, label and instruction in the column beside it, titles and URL
// beneath. 2 × 4 (70 mm tall cards) would leave ~3 mm under the code.
const COLUMNS = 2;
const ROWS = 3;
// Most office printers cannot print the outer 4–5 mm; the crop marks live here.
const MARGIN = mm(8);
const CARD_WIDTH = (A4.width - 2 * MARGIN) / COLUMNS;
const CARD_HEIGHT = (A4.height - 2 * MARGIN) / ROWS;
// Inside each card: room for a scissors cut that wanders by a couple of mm.
const PADDING = mm(3.5);
const GAP = 2;
// The column beside the code never gets narrower than this; the symbol yields first.
const COLUMN_MIN_WIDTH = mm(22);
const COLUMN_GAP = 4;
const LOGO_MAX_HEIGHT = mm(12);

export const GRID_SYMBOL = { min: mm(50), max: mm(56) } as const;
export const GRID_CARDS_PER_PAGE = COLUMNS * ROWS;

/** The cards of one page, row by row from the top left, in page coordinates. */
export const GRID_CARDS: readonly Rect[] = Array.from({ length: GRID_CARDS_PER_PAGE }, (_, i) => ({
  x: MARGIN + (i % COLUMNS) * CARD_WIDTH,
  y: A4.height - MARGIN - (Math.floor(i / COLUMNS) + 1) * CARD_HEIGHT,
  width: CARD_WIDTH,
  height: CARD_HEIGHT,
}));

export function renderGrid(ctx: LayoutContext, cards: PreparedCard[]): void {
  for (let first = 0; first < cards.length; first += GRID_CARDS_PER_PAGE) {
    const page = ctx.doc.addPage([A4.width, A4.height]);
    drawCutMarks(page);
    cards.slice(first, first + GRID_CARDS_PER_PAGE).forEach((card, i) => {
      const rect = GRID_CARDS[i];
      if (rect) drawCard(page, ctx, card, rect);
    });
  }
}

/**
 * Black crop marks in the page margin extend every cut line (for a guillotine
 * or a ruler and blade); light dashed lines along the cuts guide scissors.
 * Both stay a card's padding away from anything printed on it.
 */
function drawCutMarks(page: PDFPage): void {
  const left = MARGIN;
  const right = A4.width - MARGIN;
  const bottom = MARGIN;
  const top = A4.height - MARGIN;
  const guide = { thickness: 0.4, color: grayscale(0.7), dashArray: [3, 3] };
  const mark = { thickness: 0.5, color: grayscale(0) };
  const markFrom = mm(2);
  const markTo = MARGIN - mm(2);
  for (let c = 0; c <= COLUMNS; c++) {
    const x = left + c * CARD_WIDTH;
    page.drawLine({ start: { x, y: bottom }, end: { x, y: top }, ...guide });
    page.drawLine({ start: { x, y: markFrom }, end: { x, y: markTo }, ...mark });
    page.drawLine({ start: { x, y: A4.height - markFrom }, end: { x, y: A4.height - markTo }, ...mark });
  }
  for (let r = 0; r <= ROWS; r++) {
    const y = bottom + r * CARD_HEIGHT;
    page.drawLine({ start: { x: left, y }, end: { x: right, y }, ...guide });
    page.drawLine({ start: { x: markFrom, y }, end: { x: markTo, y }, ...mark });
    page.drawLine({ start: { x: A4.width - markFrom, y }, end: { x: A4.width - markTo, y }, ...mark });
  }
}

function drawCard(page: PDFPage, ctx: LayoutContext, card: PreparedCard, rect: Rect): void {
  const { regular, bold } = ctx.fonts;
  const inner = { x: rect.x + PADDING, y: rect.y + PADDING, width: rect.width - 2 * PADDING, height: rect.height - 2 * PADDING };
  const n = card.qr.size;

  // Titles, time and URL run under the code, left-aligned with the symbol;
  // they get the height the code spares at its minimum size.
  const minQuiet = (boxForSymbolSide(GRID_SYMBOL.min, n) - GRID_SYMBOL.min) / 2;
  const textWidth = inner.width - minQuiet;
  const text = fitBlock(
    [
      { text: card.text.secondary, font: regular, size: 8, minSize: 6.5, maxLines: 1, gray: 0.3, priority: 0 },
      { text: card.text.primary, font: bold, size: 10, minSize: 7.5, maxLines: 2, gapBefore: 1.5 },
      { text: card.text.details, font: regular, size: 8, minSize: 6.5, maxLines: 1, gray: 0.15, gapBefore: 1.5, priority: 0 },
      { text: card.text.window, font: bold, size: 7.5, minSize: 6, maxLines: 2, gray: 0.15, gapBefore: 1, priority: 1 },
      // The URL is for typing in by hand: it outranks the titles when space runs out.
      { text: card.text.url, font: regular, size: 7.5, minSize: 6, maxLines: 3, gray: 0.25, gapBefore: 2, priority: 2 },
    ],
    textWidth,
    inner.height - GAP - boxForSymbolSide(GRID_SYMBOL.min, n),
  );

  // The code sits top-left; it grows into what the text and the side column leave.
  // For a very short URL (version 1, 21 modules) the quiet zone is so wide
  // that the minimum column would squeeze the symbol under 5 cm: then the
  // column narrows instead.
  const besideColumn = Math.max(GRID_SYMBOL.min, symbolSideForBox(inner.width - COLUMN_MIN_WIDTH, n));
  const symbol = Math.min(GRID_SYMBOL.max, symbolSideForBox(inner.height - GAP - text.height, n), besideColumn);
  const box = boxForSymbolSide(symbol, n);
  const quiet = (box - symbol) / 2;
  const top = inner.y + inner.height;
  const symbolLeft = inner.x + quiet;
  const symbolTop = top - quiet;
  drawQr(page, card.qr, symbolLeft, symbolTop, symbol);
  drawBlock(page, text, symbolLeft, textWidth, top - box - GAP, 'left');

  // Beside the code, between the symbol's top and bottom edges: the label
  // (what tells the tables apart), logo and organizer on top, the
  // instruction at the bottom, like a caption pointing at the code.
  const column = { x: inner.x + box, y: symbolTop - symbol, width: inner.x + inner.width - (inner.x + box), height: symbol };
  const instruction = fitBlock(
    [{ text: ctx.instruction, font: bold, size: 8.5, minSize: 6.5, maxLines: 4 }],
    column.width,
    column.height * 0.4,
  );
  drawBlock(page, instruction, column.x, column.width, column.y + instruction.height, 'left');
  const above = instruction.height + COLUMN_GAP;
  drawColumnTop(page, ctx, card, { ...column, y: column.y + above, height: column.height - above });
}

/** Label, then logo, then organizer name, stacked from the top of `area`. */
function drawColumnTop(page: PDFPage, ctx: LayoutContext, card: PreparedCard, area: Rect): void {
  const { regular, bold } = ctx.fonts;
  let top = area.y + area.height;
  const label = fitBlock([{ text: card.text.label, font: bold, size: 15, minSize: 9, maxLines: 2 }], area.width, area.height / 2);
  drawBlock(page, label, area.x, area.width, top, 'left');
  if (label.height > 0) top -= label.height + COLUMN_GAP;
  const organizer = fitBlock(
    [{ text: ctx.header.organizer ?? '', font: regular, size: 7.5, minSize: 6, maxLines: 3, gray: 0.2 }],
    area.width,
    Math.max(0, top - area.y),
  );
  const logo = ctx.header.logo;
  if (logo) {
    const room = top - area.y - organizer.height - (organizer.height > 0 ? COLUMN_GAP : 0);
    const scale = Math.min(LOGO_MAX_HEIGHT / logo.height, Math.max(0, room) / logo.height, area.width / logo.width);
    if (scale > 0) {
      page.drawImage(logo, { x: area.x, y: top - logo.height * scale, width: logo.width * scale, height: logo.height * scale });
      top -= logo.height * scale + COLUMN_GAP;
    }
  }
  drawBlock(page, organizer, area.x, area.width, top, 'left');
}
