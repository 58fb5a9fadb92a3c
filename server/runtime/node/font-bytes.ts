import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FONT_FILES } from '../../print/font-files';
import type { SheetFonts } from '../../print/types';

/**
 * Node-only: reads Be Vietnam Pro (OFL; full Vietnamese coverage with
 * precomposed glyphs) from node_modules once, at first use, and keeps the
 * bytes for the life of the process. It is only reached through the lazy
 * default loader in fonts.ts: a Workers caller passes its bundled bytes to
 * renderSheets, so this code never runs there.
 */
let cached: SheetFonts | undefined;

export function readSheetFonts(): SheetFonts {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = {
      regular: readFileSync(require.resolve(FONT_FILES.regular)),
      bold: readFileSync(require.resolve(FONT_FILES.bold)),
    };
  }
  return cached;
}
