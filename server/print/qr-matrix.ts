import QRCode from 'qrcode';

/** Quiet zone required around the symbol, in modules (ISO/IEC 18004). */
export const QUIET_ZONE_MODULES = 4;

/** A horizontal run of dark modules in one row: columns [col, col + length). */
export interface DarkRun {
  row: number;
  col: number;
  length: number;
}

export interface QrMatrix {
  /** Modules per side of the symbol, without the quiet zone. */
  size: number;
  runs: DarkRun[];
}

/**
 * The code as horizontal runs of dark modules. Merging a row's neighbouring
 * dark modules into one rectangle cuts the PDF path to roughly a third of the
 * per-module count, which is what keeps a 100-card sheet small.
 * Level M: a printed sheet survives a smudge or a fold.
 */
export function qrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const runs: DarkRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** Symbol side that fits a square box once the quiet zone is added around it. */
export function symbolSideForBox(box: number, size: number): number {
  return (box * size) / (size + 2 * QUIET_ZONE_MODULES);
}

/** Box side (symbol plus quiet zone) for a given symbol side. */
export function boxForSymbolSide(symbol: number, size: number): number {
  return (symbol * (size + 2 * QUIET_ZONE_MODULES)) / size;
}
