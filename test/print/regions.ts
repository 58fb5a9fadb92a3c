import type { Rect } from '../../server/print/render-sheets';
import type { Word } from './poppler';

/** A card region converted to pdftotext's top-left coordinates. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function toBox(rect: Rect, pageHeight: number): Box {
  return { left: rect.x, right: rect.x + rect.width, top: pageHeight - rect.y - rect.height, bottom: pageHeight - rect.y };
}

// pdftotext prints coordinates to 6 decimals; allow for that rounding only.
const EPSILON = 0.01;

export function wordInside(word: Word, box: Box): boolean {
  return (
    word.xMin >= box.left - EPSILON &&
    word.xMax <= box.right + EPSILON &&
    word.yMin >= box.top - EPSILON &&
    word.yMax <= box.bottom + EPSILON
  );
}

/** The region whose box contains the word's centre, if any. */
export function regionOf(word: Word, boxes: Box[]): number {
  const cx = (word.xMin + word.xMax) / 2;
  const cy = (word.yMin + word.yMax) / 2;
  return boxes.findIndex((b) => cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom);
}
