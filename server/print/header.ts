import type { PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';
import { drawBlock, fitBlock, type Align } from './text-block';
import type { Rect } from './units';
import type { SheetOptions } from './types';

export async function embedLogo(doc: PDFDocument, logo: SheetOptions['logo']): Promise<PDFImage | undefined> {
  if (!logo) return undefined;
  // Embedded once per document; every page refers to the same image object.
  return logo.type === 'png' ? doc.embedPng(logo.bytes) : doc.embedJpg(logo.bytes);
}

export interface HeaderContent {
  logo: PDFImage | undefined;
  organizer: string;
  font: PDFFont;
  size: number;
  minSize: number;
  maxLines: number;
}

export function hasHeader(content: HeaderContent): boolean {
  return Boolean(content.logo || content.organizer);
}

/**
 * Logo then organizer name, side by side, inside `box`: the logo keeps its
 * aspect ratio within the box height and at most `logoMaxWidth`; the name
 * takes the width left over and wraps, shrinks or ellipsizes to fit. Nothing
 * is ever drawn outside the box, so the header cannot push into the code.
 */
export function drawHeader(page: PDFPage, content: HeaderContent, box: Rect, align: Align, logoMaxWidth: number): void {
  const gap = content.logo && content.organizer ? box.height * 0.3 : 0;
  let logoWidth = 0;
  let logoHeight = 0;
  if (content.logo) {
    const scale = Math.min(box.height / content.logo.height, logoMaxWidth / content.logo.width);
    logoWidth = content.logo.width * scale;
    logoHeight = content.logo.height * scale;
  }
  const text = content.organizer
    ? fitBlock(
        [{ text: content.organizer, font: content.font, size: content.size, minSize: content.minSize, maxLines: content.maxLines }],
        Math.max(0, box.width - logoWidth - gap),
        box.height,
      )
    : undefined;
  const textWidth = text ? Math.max(0, ...text.lines.map((line) => line.width)) : 0;
  const total = logoWidth + gap + textWidth;
  let x = align === 'center' ? box.x + (box.width - total) / 2 : align === 'right' ? box.x + box.width - total : box.x;
  if (content.logo) {
    page.drawImage(content.logo, { x, y: box.y + (box.height - logoHeight) / 2, width: logoWidth, height: logoHeight });
    x += logoWidth + gap;
  }
  if (text) {
    const top = box.y + box.height - (box.height - text.height) / 2;
    drawBlock(page, text, x, textWidth, top, 'left');
  }
}
