import { grayscale, type PDFDocument, type PDFFont } from 'pdf-lib';
import { cleanText } from './clean-text';
import { mm } from './units';

// Below every layout's cards (the grid keeps 8 mm at the foot, tent 9, A4 14) and just above the
// outer 5 mm most office printers cannot print. At most 88 mm wide: the grid's middle crop mark
// stands at x = 105 mm.
const BASELINE = mm(5.7);
const LEFT = mm(14);
const MAX_WIDTH = mm(88);
const SIZE = 6.5;
const MIN_SIZE = 5;

/** The print line, small and grey, at the foot of every page. */
export function drawPrintedLine(doc: PDFDocument, font: PDFFont, line: string): void {
  const text = cleanText(line);
  if (!text) return;
  const width = font.widthOfTextAtSize(text, SIZE);
  // A long domain shrinks the line rather than running off the page.
  const size = Math.max(MIN_SIZE, Math.min(SIZE, (SIZE * MAX_WIDTH) / width));
  for (const page of doc.getPages()) page.drawText(text, { x: LEFT, y: BASELINE, size, font, color: grayscale(0.35) });
}
