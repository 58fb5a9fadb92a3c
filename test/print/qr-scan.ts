import jsQR, { type QRCode } from 'jsqr';
import type { PNG } from 'pngjs';
import type { Rect } from '../../server/print/render-sheets';

// Decoding the rasterised sheet is the honest check that a phone can read
// it: jsQR finds the code in the pixels, with no knowledge of how it was drawn.

export interface Scan {
  text: string;
  /** Side of the symbol (quiet zone excluded) in pixels, measured on the dark modules. */
  sidePx: number;
  /** True when the 4-module margin around the symbol lies inside the image and holds nothing dark. */
  quietZoneClear: boolean;
  /** Where jsQR found the symbol's own corners (its top-left is where the finder patterns say, not the image's). */
  location: QRCode['location'];
}

export interface Crop {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Cuts a region given in PDF points (origin bottom-left) out of a page rendered at `dpi`. */
export function crop(png: PNG, rect: Rect, pageHeightPt: number, dpi: number): Crop {
  const scale = dpi / 72;
  const left = Math.max(0, Math.floor(rect.x * scale));
  const top = Math.max(0, Math.floor((pageHeightPt - rect.y - rect.height) * scale));
  const right = Math.min(png.width, Math.ceil((rect.x + rect.width) * scale));
  const bottom = Math.min(png.height, Math.ceil((pageHeightPt - rect.y) * scale));
  const width = right - left;
  const height = bottom - top;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * png.width + left) * 4;
    data.set(png.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data, width, height };
}

export function wholePage(png: PNG): Crop {
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

const isDark = (image: Crop, x: number, y: number): boolean => {
  const i = (y * image.width + x) * 4;
  const luma = 0.299 * (image.data[i] ?? 255) + 0.587 * (image.data[i + 1] ?? 255) + 0.114 * (image.data[i + 2] ?? 255);
  return luma < 128;
};

/** Any dark pixel in the ring between the symbol's box and that box grown by `margin` px? */
function ringClear(image: Crop, box: { minX: number; maxX: number; minY: number; maxY: number }, margin: number): boolean {
  const x0 = box.minX - margin;
  const x1 = box.maxX + margin;
  const y0 = box.minY - margin;
  const y1 = box.maxY + margin;
  if (x0 < 0 || y0 < 0 || x1 >= image.width || y1 >= image.height) return false;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const inSymbol = x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY;
      if (!inSymbol && isDark(image, x, y)) return false;
    }
  }
  return true;
}

/**
 * Decodes the one code in `image`, or null. The symbol's size is measured
 * as the extent of dark pixels around the corners jsQR located: the quiet
 * zone guarantees nothing else dark is that close.
 */
export function scan(image: Crop): Scan | null {
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
  if (!found) return null;
  const corners = [
    found.location.topLeftCorner,
    found.location.topRightCorner,
    found.location.bottomLeftCorner,
    found.location.bottomRightCorner,
  ];
  const slack = 6;
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))) - slack);
  const x1 = Math.min(image.width - 1, Math.ceil(Math.max(...corners.map((c) => c.x))) + slack);
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))) - slack);
  const y1 = Math.min(image.height - 1, Math.ceil(Math.max(...corners.map((c) => c.y))) + slack);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!isDark(image, x, y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const sidePx = Math.min(maxX - minX + 1, maxY - minY + 1);
  const modules = 17 + 4 * found.version;
  // Four modules, less a pixel for anti-aliasing at the symbol's edge.
  const margin = Math.floor((4 * sidePx) / modules) - 1;
  return { text: found.data, sidePx, quietZoneClear: ringClear(image, { minX, maxX, minY, maxY }, margin), location: found.location };
}
