import type { PDFFont } from 'pdf-lib';

export const ELLIPSIS = '…';

/** Width of `text` at size 1, memoised per font: fitting re-measures the same candidate lines at many sizes. */
export type UnitWidth = (text: string) => number;

const measurers = new WeakMap<PDFFont, UnitWidth>();

export function unitWidth(font: PDFFont): UnitWidth {
  let measure = measurers.get(font);
  if (!measure) {
    const cache = new Map<string, number>();
    measure = (text) => {
      let width = cache.get(text);
      if (width === undefined) {
        // Measured at 1000 and scaled down: the same arithmetic pdf-lib uses, so no rounding drift.
        width = font.widthOfTextAtSize(text, 1000) / 1000;
        cache.set(text, width);
      }
      return width;
    };
    measurers.set(font, measure);
  }
  return measure;
}

// Preferred places to break a URL (or any word wider than the line): after these.
const BREAK_AFTER = new Set(['/', '.', '?', '&', '=', '-', '_', '#', ':']);

/** Splits one word that is wider than the line into pieces that each fit. */
function splitWord(word: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let rest = Array.from(word);
  while (rest.length > 1 && !fits(rest.join(''))) {
    let n = 1;
    while (n < rest.length && fits(rest.slice(0, n + 1).join(''))) n++;
    // Break after a separator when one sits in the second half of the piece:
    // 'qrhop.vn/s/' + 'AbC…' reads better than 'qrhop.vn/s/Ab' + 'C…'.
    for (let i = n - 1; i >= Math.ceil(n / 2); i--) {
      if (BREAK_AFTER.has(rest[i] ?? '') && i + 1 < n) {
        n = i + 1;
        break;
      }
    }
    pieces.push(rest.slice(0, n).join(''));
    rest = rest.slice(n);
  }
  pieces.push(rest.join(''));
  return pieces;
}

/**
 * Greedy line breaking by measured width. Words are separated by single
 * spaces (cleanText guarantees that); a word wider than the line is split
 * by characters, so no line is ever wider than maxWidth (a single character
 * wider than the line is the only exception, and callers never get that narrow).
 */
export function wrapText(text: string, width: UnitWidth, size: number, maxWidth: number): string[] {
  const fits = (line: string) => width(line) * size <= maxWidth;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (!word) continue;
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    const pieces = fits(word) ? [word] : splitWord(word, fits);
    lines.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1] ?? '';
  }
  if (current) lines.push(current);
  return lines;
}

/** Cuts `line` until `line…` fits; trailing spaces and punctuation go first. */
export function ellipsize(line: string, width: UnitWidth, size: number, maxWidth: number): string {
  let chars = Array.from(line);
  const withMark = () => `${chars.join('').replace(/[\s,.;:–-]+$/u, '')}${ELLIPSIS}`;
  while (chars.length > 0 && width(withMark()) * size > maxWidth) chars = chars.slice(0, -1);
  return withMark();
}

export interface FitRequest {
  text: string;
  font: PDFFont;
  size: number;
  /** The floor: below this the text is ellipsized instead of shrunk further. */
  minSize: number;
  maxLines: number;
}

export interface FittedText {
  lines: string[];
  size: number;
  truncated: boolean;
}

const SIZE_STEP = 0.5;
const BALANCE_STEPS = 10;

/**
 * Re-wraps at the narrowest width that still gives the same number of lines,
 * so a centred title breaks as two even lines instead of a full line and a
 * lone 'thứ 12' under it.
 */
function balance(text: string, width: UnitWidth, size: number, maxWidth: number, lines: string[]): string[] {
  if (lines.length < 2) return lines;
  let lo = 0;
  let hi = maxWidth;
  for (let i = 0; i < BALANCE_STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (wrapText(text, width, size, mid).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return wrapText(text, width, size, hi);
}

/**
 * Wrap; if that takes more than maxLines, shrink in half-point steps down to
 * minSize; if it still does not fit, keep maxLines lines at minSize and end
 * the last one with an ellipsis.
 */
export function fitText(request: FitRequest, maxWidth: number): FittedText {
  const { text, font, size, maxLines } = request;
  const minSize = Math.min(request.minSize, size);
  const width = unitWidth(font);
  if (!text || maxLines <= 0) return { lines: [], size, truncated: Boolean(text) };
  for (let s = size; s > minSize; s -= SIZE_STEP) {
    const lines = wrapText(text, width, s, maxWidth);
    if (lines.length <= maxLines) return { lines: balance(text, width, s, maxWidth, lines), size: s, truncated: false };
  }
  const lines = wrapText(text, width, minSize, maxWidth);
  if (lines.length <= maxLines) return { lines: balance(text, width, minSize, maxWidth, lines), size: minSize, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(kept[maxLines - 1] ?? '', width, minSize, maxWidth);
  return { lines: kept, size: minSize, truncated: true };
}
