/** PDF user space is in points (1/72 in); print sizes are specified in millimetres. */
export const PT_PER_MM = 72 / 25.4;

export const mm = (millimetres: number): number => millimetres * PT_PER_MM;

/** A4 portrait, in points. */
export const A4 = { width: mm(210), height: mm(297) } as const;

/** An axis-aligned box in PDF points, origin bottom-left as in PDF user space. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
