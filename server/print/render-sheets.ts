import { PDFDocument } from 'pdf-lib';
import { cardText, DEFAULT_INSTRUCTION } from './card-text';
import { cleanText } from './clean-text';
import { embedSheetFonts } from './fonts';
import { embedLogo } from './header';
import { A4_CONTENT, A4_SYMBOL, renderA4 } from './layout-a4';
import type { LayoutContext, PreparedCard } from './layout-context';
import { GRID_CARDS, GRID_SYMBOL, renderGrid } from './layout-grid';
import { renderTent, TENT_FACES, TENT_FOLD_Y, TENT_SYMBOL } from './layout-tent';
import { drawPrintedLine } from './printed-line';
import { qrMatrix } from './qr-matrix';
import type { SheetCard, SheetFonts, SheetLayout, SheetOptions } from './types';
import type { Rect } from './units';

export type { SheetCard, SheetFonts, SheetLayout, SheetOptions } from './types';
export type { Rect } from './units';
export { DEFAULT_INSTRUCTION } from './card-text';
export { FONT_FILES } from './font-files';

const LAYOUTS: Record<SheetLayout, (ctx: LayoutContext, cards: PreparedCard[]) => void> = {
  a4: renderA4,
  tent: renderTent,
  grid: renderGrid,
};

/** Smallest printed symbol side (quiet zone excluded) per layout, in points. */
export const MIN_SYMBOL_SIDE: Record<SheetLayout, number> = {
  a4: A4_SYMBOL.min,
  tent: TENT_SYMBOL.min,
  grid: GRID_SYMBOL.min,
};

/** Height of the tent's fold line above the page's bottom edge, in points. */
export const TENT_FOLD = TENT_FOLD_Y;

/**
 * Where card faces sit on every page of a layout, in PDF points (origin
 * bottom-left): a4 → the page's content area; tent → the lower face and the
 * upper (turned) face of the same card; grid → the cards in reading order
 * (page k holds cards 6k … 6k+5 in these slots). Nothing a card prints
 * falls outside its region. Exposed for previews and tests.
 */
export function cardRegions(layout: SheetLayout): readonly Rect[] {
  switch (layout) {
    case 'a4':
      return [A4_CONTENT];
    case 'tent':
      return TENT_FACES;
    case 'grid':
      return GRID_CARDS;
  }
}

/**
 * Renders print-ready PDF sheets for the given codes.
 * `fonts` come from the runtime (the SheetFonts port: Node reads Be Vietnam Pro
 * from node_modules, a Worker has it bundled). Pure otherwise: no I/O, no clock
 * beyond the PDF's creation date.
 */
export async function renderSheets(cards: SheetCard[], options: SheetOptions, fonts: SheetFonts): Promise<Uint8Array> {
  const render = LAYOUTS[options.layout];
  if (!render) throw new RangeError(`Unknown sheet layout: ${String(options.layout)}`);
  if (cards.length === 0) throw new RangeError('No cards to print');
  // Encoding first: a bad URL fails before any font work.
  const prepared = cards.map((card): PreparedCard => {
    if (!card.url) throw new RangeError('Every card needs a url');
    return { text: cardText(card), qr: qrMatrix(card.url) };
  });

  const doc = await PDFDocument.create();
  const [embedded, logo] = await Promise.all([
    embedSheetFonts(doc, fonts),
    embedLogo(doc, options.logo),
  ]);
  render(
    {
      doc,
      fonts: embedded,
      header: { logo, organizer: cleanText(options.organizer) },
      instruction: cleanText(options.instruction) || DEFAULT_INSTRUCTION,
    },
    prepared,
  );
  if (options.printedLine) drawPrintedLine(doc, embedded.regular, options.printedLine);

  const first = prepared[0]?.text;
  doc.setTitle([first?.primary, first?.secondary].filter(Boolean).join(' — '));
  doc.setLanguage('vi');
  doc.setCreator('QRHop');
  doc.setProducer('QRHop (pdf-lib)');
  return doc.save();
}
