import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { SheetFonts } from './types';

export interface EmbeddedFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * pdf-lib writes glyph ids with their advance widths and ignores the glyph
 * positions fontkit computes, so the positioning (GPOS) features only cost
 * time — they were most of the rendering time of a 100-card sheet. Glyph
 * substitution (GSUB: Vietnamese 'locl' forms, ligatures) stays on. Text is
 * NFC, so no marks need attaching.
 */
const NO_POSITIONING = { kern: false, mark: false, mkmk: false, curs: false, dist: false };

/**
 * Subset embedding writes only the glyphs a sheet uses (~20 KB per weight
 * instead of ~135 KB of TrueType each).
 */
export async function embedSheetFonts(doc: PDFDocument, fonts: SheetFonts): Promise<EmbeddedFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(fonts.regular, { subset: true, features: NO_POSITIONING }),
    doc.embedFont(fonts.bold, { subset: true, features: NO_POSITIONING }),
  ]);
  return { regular, bold };
}
