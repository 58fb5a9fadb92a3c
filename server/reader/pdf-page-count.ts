import { PDFDocument } from 'pdf-lib';
import type { ObjectStore } from '../storage/object-store';

/**
 * The number of pages of a stored PDF, read with pdf-lib, or null when the file is bigger
 * than `maxBytes` (pdf-lib parses the whole file in memory: a Worker has 128 MB) or does
 * not parse. Encrypted PDFs still give their page count (the page tree is not encrypted).
 */
export async function pdfPageCount(store: ObjectStore, key: string, size: number, maxBytes: number): Promise<number | null> {
  if (size > maxBytes) return null;
  const object = await store.get(key);
  if (!object) return null;
  const bytes = new Uint8Array(await new Response(object.body).arrayBuffer());
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return pdf.getPageCount();
  } catch {
    return null;
  }
}
