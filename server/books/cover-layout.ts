import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { EmbeddedFonts } from '../print/fonts';
import { cleanText } from '../print/clean-text';
import { unitWidth, wrapText } from '../print/wrap-text';

/** A4 portrait, in points. */
export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const CONTENT = A4[0] - 2 * MARGIN;

/** One paragraph of the cover: wrapped to the width left by its indent and its right-hand text. */
export interface CoverLine {
  text: string;
  weight?: 'regular' | 'bold';
  size?: number;
  indent?: number;
  /** Right-aligned on the paragraph's first line (a page number). */
  right?: string;
  /** Space above, in points. */
  gap?: number;
  grey?: boolean;
}

interface Placed {
  page: number;
  y: number;
  x: number;
  text: string;
  font: PDFFont;
  size: number;
  right?: string;
  grey: boolean;
}

/**
 * Lays the cover's paragraphs out on as many A4 pages as they need (a meeting of 80
 * documents takes two or three). Returns the number of pages before drawing them, so the
 * page numbers written on the cover can count the cover itself.
 */
export function layoutCover(lines: CoverLine[], fonts: EmbeddedFonts): { pages: number; draw(doc: PDFDocument): PDFPage[] } {
  const placed: Placed[] = [];
  let page = 0;
  let y = A4[1] - MARGIN;
  for (const line of lines) {
    const font = line.weight === 'bold' ? fonts.bold : fonts.regular;
    const size = line.size ?? 10;
    const indent = line.indent ?? 0;
    const rightWidth = line.right ? fonts.regular.widthOfTextAtSize(line.right, size) + 12 : 0;
    const wrapped = wrapText(cleanText(line.text), unitWidth(font), size, CONTENT - indent - rightWidth);
    const leading = size * 1.35;
    y -= line.gap ?? 0;
    wrapped.forEach((text, i) => {
      if (y - leading < MARGIN) {
        page++;
        y = A4[1] - MARGIN;
      }
      y -= leading;
      placed.push({ page, y, x: MARGIN + indent, text, font, size, right: i === 0 ? line.right : undefined, grey: !!line.grey });
    });
  }
  const pages = page + 1;
  return {
    pages,
    draw(doc) {
      const made = Array.from({ length: pages }, (_, i) => doc.insertPage(i, A4));
      for (const p of placed) {
        const color = p.grey ? rgb(0.35, 0.35, 0.35) : rgb(0.1, 0.1, 0.1);
        made[p.page]!.drawText(p.text, { x: p.x, y: p.y, size: p.size, font: p.font, color });
        if (p.right) {
          const w = fonts.regular.widthOfTextAtSize(p.right, p.size);
          made[p.page]!.drawText(p.right, { x: A4[0] - MARGIN - w, y: p.y, size: p.size, font: fonts.regular, color });
        }
      }
      return made;
    },
  };
}
