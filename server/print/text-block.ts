import { grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import { fitText, unitWidth } from './wrap-text';

/** One paragraph of a card: a title, the time line, the URL… */
export interface TextSpec {
  /** Already cleaned (cleanText); empty specs are skipped. */
  text: string;
  font: PDFFont;
  size: number;
  minSize: number;
  maxLines: number;
  /** 0 = black. */
  gray?: number;
  /** Space above this paragraph when it is not the first one. */
  gapBefore?: number;
  /** When the block cannot fit even shrunk, lower priorities lose lines first and are dropped first. Default 1. */
  priority?: number;
}

export interface LaidLine {
  text: string;
  font: PDFFont;
  size: number;
  gray: number;
  width: number;
  /** Distance from the block's top edge down to this line's baseline. */
  baseline: number;
}

export interface TextBlock {
  lines: LaidLine[];
  height: number;
}

export const EMPTY_BLOCK: TextBlock = { lines: [], height: 0 };

// Uniform shrink steps applied to a whole block after each paragraph has
// already done its own shrinking/ellipsizing within its line budget.
const BLOCK_SCALES = [1, 0.94, 0.88, 0.82, 0.76, 0.7];

/**
 * Vertical metrics from the font itself (Be Vietnam Pro: ascent 1.0 em,
 * descent 0.265 em — tall, for stacked Vietnamese marks). Each line's box is
 * ascent + descent, the same box pdftotext and selection use, so a block's
 * height is an honest bound of what it paints.
 */
function metrics(font: PDFFont): { ascent: number; descent: number } {
  const ascent = font.heightAtSize(1, { descender: false });
  return { ascent, descent: font.heightAtSize(1) - ascent };
}

/** A laid-out block plus how many lines each paragraph took. */
function layout(specs: TextSpec[], scale: number, maxWidth: number): TextBlock & { counts: number[] } {
  const lines: LaidLine[] = [];
  const counts: number[] = [];
  let bottom = 0;
  for (const spec of specs) {
    const fitted = fitText(
      { text: spec.text, font: spec.font, size: spec.size * scale, minSize: spec.minSize * scale, maxLines: spec.maxLines },
      maxWidth,
    );
    counts.push(fitted.lines.length);
    if (lines.length > 0 && fitted.lines.length > 0) bottom += (spec.gapBefore ?? 0) * scale;
    const { ascent, descent } = metrics(spec.font);
    const width = unitWidth(spec.font);
    for (const text of fitted.lines) {
      const baseline = bottom + ascent * fitted.size;
      lines.push({
        text,
        font: spec.font,
        size: fitted.size,
        gray: spec.gray ?? 0,
        width: width(text) * fitted.size,
        baseline,
      });
      bottom = baseline + descent * fitted.size;
    }
  }
  return { lines, height: bottom, counts };
}

/**
 * Lays out paragraphs top to bottom within maxWidth × maxHeight: each one
 * wraps by measured width and shrinks/ellipsizes within its own line budget;
 * if the whole is still too tall the block shrinks uniformly to a floor;
 * then line budgets are cut (the longest paragraph loses a line, ending in an
 * ellipsis); as a last resort the lowest-priority paragraphs are dropped.
 * Never taller than maxHeight, never wider than maxWidth.
 */
export function fitBlock(specs: TextSpec[], maxWidth: number, maxHeight: number): TextBlock {
  let kept = specs.filter((spec) => spec.text.length > 0);
  for (const scale of BLOCK_SCALES) {
    const { lines, height } = layout(kept, scale, maxWidth);
    if (height <= maxHeight) return { lines, height };
  }
  const smallest = BLOCK_SCALES[BLOCK_SCALES.length - 1] ?? 1;
  for (;;) {
    const { lines, height, counts } = layout(kept, smallest, maxWidth);
    if (height <= maxHeight) return { lines, height };
    if (kept.length === 0) return EMPTY_BLOCK;
    // Take a line from the paragraph using the most (the least important
    // among equals): its last kept line then ends with an ellipsis.
    let longest = -1;
    counts.forEach((count, i) => {
      const current = longest < 0 ? 1 : (counts[longest] ?? 1);
      const lessImportant = (kept[i]?.priority ?? 1) <= (kept[longest]?.priority ?? 1);
      if (count > current || (count === current && count > 1 && lessImportant)) longest = i;
    });
    if (longest >= 0) {
      kept = kept.map((spec, i) => (i === longest ? { ...spec, maxLines: (counts[i] ?? 1) - 1 } : spec));
      continue;
    }
    // Every paragraph is down to one line: drop the least important one
    // ('<=': among equal priorities, the last).
    let drop = kept.length - 1;
    kept.forEach((spec, i) => {
      if ((spec.priority ?? 1) <= (kept[drop]?.priority ?? 1)) drop = i;
    });
    kept = kept.filter((_, i) => i !== drop);
  }
}

export type Align = 'left' | 'center' | 'right';

/** Paints a laid-out block with its top edge at `top`, aligned within [x, x + width]. */
export function drawBlock(page: PDFPage, block: TextBlock, x: number, width: number, top: number, align: Align): void {
  for (const line of block.lines) {
    const slack = width - line.width;
    const left = align === 'center' ? x + slack / 2 : align === 'right' ? x + slack : x;
    page.drawText(line.text, {
      x: left,
      y: top - line.baseline,
      size: line.size,
      font: line.font,
      color: grayscale(line.gray),
    });
  }
}
