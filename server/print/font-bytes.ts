import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SheetFonts } from './types';

/**
 * Node-only: reads Be Vietnam Pro (OFL; full Vietnamese coverage with
 * precomposed glyphs) from node_modules once, at first use, and keeps the
 * bytes for the life of the process. A Workers build never imports this
 * file: it passes bundled bytes to renderSheets instead.
 */
let cached: SheetFonts | undefined;

export function readSheetFonts(): SheetFonts {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
    cached = {
      regular: readFileSync(join(root, '400Regular/BeVietnamPro_400Regular.ttf')),
      bold: readFileSync(join(root, '700Bold/BeVietnamPro_700Bold.ttf')),
    };
  }
  return cached;
}
