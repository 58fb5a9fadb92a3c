/** How a document type becomes readable on a phone, or null when the original already is (text) or nothing can be done. */
export type RenditionRoute = 'pdf' | 'word' | 'office' | 'image';

const OFFICE = [
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.presentation',
];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export function renditionRoute(contentType: string): RenditionRoute | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type === DOCX) return 'word';
  if (OFFICE.includes(type)) return 'office';
  if (IMAGES.includes(type)) return 'image';
  return null;
}

/** Pages rendered at most per document: a phone reader, not an archive. The reader says when the cap applies. */
export const MAX_PAGES = 300;

/** Page images are this wide: a 390–430 px phone at 2× density. */
export const PAGE_WIDTH = 860;

/**
 * Where a version's rendition files live in the object store (own prefix: the sweep and
 * backups know it): `p<N>` page images, `part-<N>` Word HTML parts, `img-<N>` Word images.
 */
export const renditionPrefix = (documentId: string, version: number) => `renditions/${documentId}/v${version}/`;

/**
 * rendition_pages holds a row for every stored file of a rendition: pages (or the Word
 * HTML's parts) as 1…MAX_PAGES, and a Word document's images as FILE_ROW_BASE + N for
 * `img-N.ext`. So removing a rendition never has to list the store.
 */
export const FILE_ROW_BASE = 1000;

/**
 * The PDF an Office file was converted to before its pages were drawn (LibreOffice), kept as
 * the document's PDF rendition for the meeting books (file `pdf`, row PDF_FILE_ROW: above
 * every page and Word image number, so the reader never lists it as a page).
 */
export const PDF_FILE_ROW = 999_999;

/** Word image file names as the converter makes them and the reader serves them. */
export const WORD_IMAGE = /^img-(\d{1,3})\.(webp|png|jpg|gif)$/;
