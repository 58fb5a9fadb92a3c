import {
  concatTransformationMatrix,
  grayscale,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from 'pdf-lib';
import { boxForSymbolSide, symbolSideForBox } from './qr-matrix';
import { drawQr } from './draw-qr';
import { drawHeader, hasHeader } from './header';
import type { LayoutContext, PreparedCard } from './layout-context';
import { drawBlock, fitBlock } from './text-block';
import { A4, mm, type Rect } from './units';

// A4 landscape folded across the middle and stood on the table like a roof:
// each half is one face (297 × 105 mm), read by the delegates on that side.
const WIDTH = A4.height;
const HEIGHT = A4.width;
const FOLD_Y = HEIGHT / 2;
const SIDE_MARGIN = mm(14);
// Kept clear on both long edges of a face: the printer's unprintable border
// at the page edge, and the crease itself at the fold.
const EDGE_MARGIN = mm(9);
const COLUMN_GAP = mm(8);
const HEADER_HEIGHT = mm(12);
const HEADER_GAP = mm(3);

/** At 30–50 cm across a table a 5 cm symbol is enough; tents give it 6–7.5 cm. */
export const TENT_SYMBOL = { min: mm(60), max: mm(75) } as const;

/**
 * Where the marks of each face stay, in page coordinates: the lower face
 * reads normally, the upper one is the same face turned 180° so that it reads
 * upright once folded.
 */
export const TENT_FACES: readonly [Rect, Rect] = [
  { x: SIDE_MARGIN, y: EDGE_MARGIN, width: WIDTH - 2 * SIDE_MARGIN, height: FOLD_Y - 2 * EDGE_MARGIN },
  { x: SIDE_MARGIN, y: FOLD_Y + EDGE_MARGIN, width: WIDTH - 2 * SIDE_MARGIN, height: FOLD_Y - 2 * EDGE_MARGIN },
];

export const TENT_FOLD_Y = FOLD_Y;

export function renderTent(ctx: LayoutContext, cards: PreparedCard[]): void {
  for (const card of cards) {
    const page = ctx.doc.addPage([WIDTH, HEIGHT]);
    drawFace(page, ctx, card);
    // Half-turn about the page centre: maps the lower half onto the upper
    // half upside down, which is upright once the sheet is folded.
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(-1, 0, 0, -1, WIDTH, HEIGHT));
    drawFace(page, ctx, card);
    page.pushOperators(popGraphicsState());
    page.drawLine({
      start: { x: 0, y: FOLD_Y },
      end: { x: WIDTH, y: FOLD_Y },
      thickness: 0.6,
      color: grayscale(0.55),
      dashArray: [6, 4],
    });
  }
}

/** Draws one face into the lower half (TENT_FACES[0]). */
function drawFace(page: PDFPage, ctx: LayoutContext, card: PreparedCard): void {
  const { regular, bold } = ctx.fonts;
  const face = TENT_FACES[0];
  const n = card.qr.size;

  // Code on the left, as large as the face height allows.
  const symbol = Math.min(TENT_SYMBOL.max, symbolSideForBox(face.height, n));
  const box = boxForSymbolSide(symbol, n);
  const quiet = (box - symbol) / 2;
  const boxTop = face.y + face.height - (face.height - box) / 2;
  drawQr(page, card.qr, face.x + quiet, boxTop - quiet, symbol);

  // Text column on the right: header and titles from the top, the
  // instruction and URL anchored at the bottom.
  const x = face.x + box + COLUMN_GAP;
  const width = face.x + face.width - x;
  let top = face.y + face.height;
  const header = { ...ctx.header, font: bold, size: 12, minSize: 9, maxLines: 2 };
  if (hasHeader(header)) {
    drawHeader(page, header, { x, y: top - HEADER_HEIGHT, width, height: HEADER_HEIGHT }, 'left', mm(45));
    top -= HEADER_HEIGHT + HEADER_GAP;
  }
  const footer = fitBlock(
    [
      { text: ctx.instruction, font: bold, size: 15, minSize: 11, maxLines: 1 },
      { text: card.text.url, font: regular, size: 12, minSize: 8, maxLines: 2, gray: 0.25, gapBefore: 3 },
    ],
    width,
    mm(25),
  );
  drawBlock(page, footer, x, width, face.y + footer.height, 'left');
  const titles = fitBlock(
    [
      { text: card.text.label, font: bold, size: 26, minSize: 16, maxLines: 1, priority: 2 },
      { text: card.text.secondary, font: regular, size: 14, minSize: 10, maxLines: 2, gray: 0.3, gapBefore: 6 },
      { text: card.text.primary, font: bold, size: 22, minSize: 14, maxLines: 3, gapBefore: 4 },
      { text: card.text.details, font: regular, size: 14, minSize: 10, maxLines: 1, gray: 0.15, gapBefore: 4, priority: 0 },
      { text: card.text.window, font: bold, size: 13, minSize: 9, maxLines: 1, gray: 0.15, gapBefore: 3, priority: 1 },
    ],
    width,
    top - face.y - footer.height - mm(3),
  );
  drawBlock(page, titles, x, width, top, 'left');
}
