import { degrees, type PDFPage, type Rotation } from 'pdf-lib';

/**
 * A page as the reader sees it: the visible box (CropBox) turned by the page's /Rotate.
 * `at(dx, dy)` maps a point measured from the seen page's bottom-left corner to the page's
 * own coordinates, and `rotate` turns drawn text so it reads level on screen — otherwise a
 * landscape page stored as a rotated portrait gets its page number sideways in the middle.
 */
export interface PageFrame {
  width: number;
  height: number;
  at(dx: number, dy: number): { x: number; y: number };
  rotate: Rotation;
}

export function pageFrame(page: PDFPage): PageFrame {
  const box = page.getCropBox();
  const turn = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const [x0, y0, x1, y1] = [box.x, box.y, box.x + box.width, box.y + box.height];
  const sideways = turn === 90 || turn === 270;
  const width = sideways ? box.height : box.width;
  const height = sideways ? box.width : box.height;
  const at = {
    0: (dx: number, dy: number) => ({ x: x0 + dx, y: y0 + dy }),
    90: (dx: number, dy: number) => ({ x: x1 - dy, y: y0 + dx }),
    180: (dx: number, dy: number) => ({ x: x1 - dx, y: y1 - dy }),
    270: (dx: number, dy: number) => ({ x: x0 + dy, y: y1 - dx }),
  }[turn];
  return { width, height, at, rotate: degrees(turn) };
}
