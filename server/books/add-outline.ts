import { PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 0-based index of the page the entry opens. */
  pageIndex: number;
}

/**
 * Writes a flat PDF outline (bookmarks), one entry per document, in order. pdf-lib has no
 * outline API, so the dictionaries of ISO 32000-1 §12.3.3 are written by hand: an /Outlines
 * root with /First, /Last and /Count, and items linked by /Prev and /Next, each with a UTF-16
 * /Title (Vietnamese needs it) and a /Dest to the top of its page. /PageMode /UseOutlines asks
 * viewers to open the bookmark panel.
 */
export function addOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (entries.length === 0) return;
  const { context } = doc;
  const pages = doc.getPages();
  const root = context.nextRef();
  const refs: PDFRef[] = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title.normalize('NFC')),
      Parent: root,
      Dest: [pages[entry.pageIndex]!.ref, 'XYZ', null, null, null],
    });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    context.assign(refs[i]!, item);
  });
  context.assign(root, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: PDFNumber.of(entries.length) }));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
