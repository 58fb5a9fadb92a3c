import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';

const require = createRequire(import.meta.url);

/** An A4 PDF whose pages carry the given Vietnamese lines (Be Vietnam Pro embedded, so the text layer reads back exact). */
export async function makeVietnamesePdf(pages: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf')), { subset: true });
  for (const text of pages) {
    const page = pdf.addPage([595, 842]);
    page.drawText(text.normalize('NFC'), { x: 60, y: 760, size: 20, font });
    for (let line = 0; line < 30; line++) page.drawText('Nội dung chi tiết của tờ trình, dòng số ' + (line + 1), { x: 60, y: 700 - line * 20, size: 11, font });
  }
  return pdf.save();
}
