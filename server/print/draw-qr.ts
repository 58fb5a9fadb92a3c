import {
  concatTransformationMatrix,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  type PDFPage,
} from 'pdf-lib';
import type { QrMatrix } from './qr-matrix';

/**
 * Draws the symbol with its top-left corner at (x, yTop) and the given side,
 * as one filled path of run rectangles. The matrix maps module units to page
 * points (y flipped so row 0 is on top), so every rectangle is written with
 * small integers — compact in the content stream — and one `f` fills their
 * union, which avoids hairline seams between rows when rasterised.
 * The quiet zone is the white paper around it: the caller reserves that space.
 */
export function drawQr(page: PDFPage, qr: QrMatrix, x: number, yTop: number, side: number): void {
  const module = side / qr.size;
  page.pushOperators(
    pushGraphicsState(),
    setFillingGrayscaleColor(0),
    concatTransformationMatrix(module, 0, 0, -module, x, yTop),
    ...qr.runs.map((run) => rectangle(run.col, run.row, run.length, 1)),
    fill(),
    popGraphicsState(),
  );
}
