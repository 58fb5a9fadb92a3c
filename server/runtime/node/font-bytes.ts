import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { FONT_FILES } from '../../print/font-files';
import type { SheetFonts } from '../../print/types';
import { packageFile } from './package-root';

/**
 * Node-only: reads Be Vietnam Pro (OFL; full Vietnamese coverage with
 * precomposed glyphs) once, at first use, and keeps the bytes for the life of
 * the process. From source the files come from the font package in
 * node_modules; a release carries only these two weights, copied into
 * dist/fonts/ at build (vite.server.config.ts), not the whole family. It is
 * only reached through the lazy default loader in fonts.ts: a Workers caller
 * passes its bundled bytes to renderSheets, so this code never runs there.
 */
let cached: SheetFonts | undefined;

const FROM_SOURCE = import.meta.url.endsWith('.ts');

function fontPath(file: string): string {
  return FROM_SOURCE ? createRequire(import.meta.url).resolve(file) : packageFile('dist', 'fonts', basename(file));
}

export function readSheetFonts(): SheetFonts {
  cached ??= { regular: readFileSync(fontPath(FONT_FILES.regular)), bold: readFileSync(fontPath(FONT_FILES.bold)) };
  return cached;
}
