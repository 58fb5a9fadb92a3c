import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { cleanText } from '../print/clean-text';
import { ELLIPSIS, unitWidth, wrapText } from '../print/wrap-text';
import { pageFrame } from './page-frame';

/** Grey light enough not to hide the text underneath, dark enough to read on a phone. */
const INK = rgb(0.45, 0.45, 0.45);
/** Distance from the seen page's edge to the text's baseline box (pt): inside the usual 2 cm margin. */
const EDGE = 14;

/**
 * Lines of at most `maxWidth` at `size`, at most `maxLines` of them; what does not fit ends
 * in "…". A 200-character label wraps onto the second line and is then cut: a stamp never
 * runs off the page nor covers the page's text.
 */
export function fitLines(text: string, font: PDFFont, size: number, maxWidth: number, maxLines: number): string[] {
  const width = unitWidth(font);
  const lines = wrapText(cleanText(text), width, size, maxWidth);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = Array.from(kept[maxLines - 1]!);
  while (last.length && width(`${last.join('')}${ELLIPSIS}`) * size > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join('').trimEnd()}${ELLIPSIS}`;
  return kept;
}

/** "Trang x/y" at the seen page's bottom right corner. */
export function drawPageNumber(page: PDFPage, text: string, font: PDFFont, size = 8) {
  const frame = pageFrame(page);
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { ...frame.at(frame.width - EDGE - width, EDGE - 4), size, font, color: INK, rotate: frame.rotate });
}

/**
 * A labelled copy's stamp, two lines along the seen page's bottom left, leaving the right
 * corner to the book's page number: "Bản cấp cho: <label>", then "<meeting> · tải ngày <day>".
 * Each line is cut with "…" to the width it has (page width less both margins and the page
 * number's room): a 200-character label never runs off the page, and the day always shows.
 */
export function drawStamp(page: PDFPage, parts: { label: string; meeting: string; tail: string }, font: PDFFont, size = 7) {
  const frame = pageFrame(page);
  const maxWidth = Math.max(60, frame.width - 2 * EDGE - 70);
  const [first] = fitLines(parts.label, font, size, maxWidth, 1);
  const tailWidth = font.widthOfTextAtSize(parts.tail, size);
  const [meeting] = fitLines(parts.meeting, font, size, Math.max(20, maxWidth - tailWidth), 1);
  const lines = [first ?? '', `${meeting ?? ''}${parts.tail}`];
  lines.forEach((line, i) => {
    const dy = EDGE - 4 + (lines.length - 1 - i) * (size + 2);
    page.drawText(line, { ...frame.at(EDGE, dy), size, font, color: INK, opacity: 0.85, rotate: frame.rotate });
  });
  return lines;
}
