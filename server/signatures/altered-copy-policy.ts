import type { SignatureStatus } from './signature-report';
import { signatureLabels, type SignatureLang } from '../../shared/i18n/signature-words';

/**
 * THE rule for bytes that are not the stored original (page renditions, stamped or watermarked
 * copies, compiled meeting books). Every feature that serves or makes such bytes calls these,
 * here and nowhere else:
 *
 * - `mayAlterBytes(status)`: whether the feature may write into the PDF itself (stamp a
 *   watermark, add a page number, merge it into a book as modified pages). Only for documents
 *   known to carry no signature. A signed PDF — whatever its status, even invalid or changed —
 *   is never altered: a modified signed file no longer verifies and would pass for the original.
 *   A document not checked yet (undefined) is treated as signed until the check says otherwise.
 * - `copyLabel(status, lang)`: the label a derived copy must show (on the page, in the book's
 *   table of contents, on the rendition) when the original is signed: "a copy, not carrying the
 *   digital signature". Null when the original is unsigned.
 * - The original stays downloadable byte for byte (the delegate document route serves the
 *   stored object untouched); derived bytes never replace it under the document's link.
 */
export function mayAlterBytes(status: SignatureStatus | undefined, contentType = 'application/pdf'): boolean {
  // Only PDFs are checked for signatures (Office and image files are copied, never signed here).
  if (contentType !== 'application/pdf') return true;
  // Only a completed check that found no signature at all lets a feature write into the file.
  return status === 'unsigned';
}

export function isSignedOriginal(status: SignatureStatus | undefined): boolean {
  return status !== undefined && status !== 'unsigned';
}

export function copyLabel(status: SignatureStatus | undefined, lang: SignatureLang): string | null {
  return isSignedOriginal(status) ? signatureLabels[lang].copyLabel : null;
}
