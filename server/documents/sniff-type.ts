/**
 * Decides a file's type from its first bytes, never from its name: a renamed
 * executable must not reach a delegate's phone as a "PDF". The name's extension
 * must agree with the bytes, so a PDF called `.exe` is refused too.
 */
export interface SniffedType {
  contentType: string;
  /** Extensions a file of this type may carry (lower case, without dot). */
  extensions: string[];
  label: string;
}

const t = (contentType: string, label: string, ...extensions: string[]): SniffedType => ({ contentType, label, extensions });

const PDF = t('application/pdf', 'PDF', 'pdf');
const PNG = t('image/png', 'PNG', 'png');
const JPEG = t('image/jpeg', 'JPEG', 'jpg', 'jpeg');
const GIF = t('image/gif', 'GIF', 'gif');
const WEBP = t('image/webp', 'WebP', 'webp');
const DOCX = t('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word', 'docx');
const XLSX = t('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel', 'xlsx');
const PPTX = t('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PowerPoint', 'pptx');
const ODT = t('application/vnd.oasis.opendocument.text', 'OpenDocument', 'odt');
const ODS = t('application/vnd.oasis.opendocument.spreadsheet', 'OpenDocument', 'ods');
const ODP = t('application/vnd.oasis.opendocument.presentation', 'OpenDocument', 'odp');
const LEGACY_OFFICE: Record<string, SniffedType> = {
  doc: t('application/msword', 'Word', 'doc'),
  xls: t('application/vnd.ms-excel', 'Excel', 'xls'),
  ppt: t('application/vnd.ms-powerpoint', 'PowerPoint', 'ppt'),
};
const TEXT: Record<string, SniffedType> = {
  txt: t('text/plain; charset=utf-8', 'Text', 'txt'),
  csv: t('text/csv; charset=utf-8', 'CSV', 'csv'),
  md: t('text/markdown; charset=utf-8', 'Text', 'md'),
};

const KNOWN_EXTENSIONS = new Set(
  [PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, ...Object.values(LEGACY_OFFICE), ...Object.values(TEXT)].flatMap((x) => x.extensions),
);
const DANGEROUS_EXTENSIONS = new Set(['exe', 'com', 'bat', 'cmd', 'msi', 'scr', 'dll', 'js', 'mjs', 'vbs', 'ps1', 'sh', 'jar', 'apk', 'html', 'htm', 'xhtml', 'svg', 'hta', 'lnk', 'zip']);

/** The filename to serve: the uploaded name, with the type's extension added when it lacks it. */
export function servedFilename(filename: string, type: SniffedType): string {
  return type.extensions.includes(extensionOf(filename)) ? filename : `${filename}.${type.extensions[0]}`;
}

/** How many leading bytes `sniffType` wants to see (fewer is fine for short files). */
export const SNIFF_BYTES = 8192;

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const ascii = (head: Uint8Array, from: number, length: number) => String.fromCharCode(...head.subarray(from, from + length));

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

function sniffZip(head: Uint8Array): SniffedType | null {
  // OpenDocument stores an uncompressed "mimetype" entry first (ODF 1.2 §3.3).
  const firstName = ascii(head, 30, head[26]! | (head[27]! << 8));
  if (firstName === 'mimetype') {
    const mime = ascii(head, 38, 60);
    if (mime.startsWith(ODT.contentType)) return ODT;
    if (mime.startsWith(ODS.contentType)) return ODS;
    if (mime.startsWith(ODP.contentType)) return ODP;
    return null;
  }
  // OOXML: the part names near the start tell Word from Excel from PowerPoint.
  const text = ascii(head, 0, head.length);
  if (!text.includes('[Content_Types].xml') && !text.includes('_rels/.rels') && !/(word|xl|ppt)\//.test(text)) return null;
  if (text.includes('word/')) return DOCX;
  if (text.includes('xl/')) return XLSX;
  if (text.includes('ppt/')) return PPTX;
  return null;
}

function isUtf8Text(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  // A multi-byte character may be cut at the end of the sniffed window.
  const sample = complete ? head : head.subarray(0, Math.max(0, head.length - 4));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file from its first bytes and its name, or null when it is not
 * an accepted document type (or the extension disagrees with the content).
 * `complete` is true when `head` is the whole file.
 */
export function sniffType(head: Uint8Array, filename: string, complete: boolean): SniffedType | null {
  const ext = extensionOf(filename);
  let found: SniffedType | null = null;
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) found = PDF; // %PDF-
  else if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) found = PNG;
  else if (startsWith(head, [0xff, 0xd8, 0xff])) found = JPEG;
  else if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) found = GIF;
  else if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) found = WEBP;
  else if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) found = sniffZip(head);
  else if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) found = LEGACY_OFFICE[ext] ?? null; // OLE2 container
  else if (TEXT[ext] && isUtf8Text(head, complete) && !/^\s*<(!doctype|html|script|svg)/i.test(ascii(head, 0, 64))) found = TEXT[ext]!;
  if (!found) return null;
  // A known extension must agree with the bytes; an executable or web extension never passes.
  // Any other ending ("Báo cáo v2.1") is kept, and the served name gets the right extension.
  if (ext && !found.extensions.includes(ext) && (KNOWN_EXTENSIONS.has(ext) || DANGEROUS_EXTENSIONS.has(ext))) return null;
  return found;
}
