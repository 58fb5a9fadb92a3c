import mammoth from 'mammoth';
import sanitizeHtml from 'sanitize-html';
import type { WordImage } from './reader-ports';

// Word text as phone HTML: structure kept (headings, bold, lists, tables, links), every
// attribute that could carry script or styling dropped. The reader page's CSP forbids
// inline script as well; this is the first wall, that one the second.
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'a', 'img'],
  allowedAttributes: { a: ['href'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Images only by the names the converter gave them (files beside the HTML), never a URL or data:.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^img-\d{1,3}\.(webp|png|jpg|gif)$/.test(frame.attribs.src ?? ''),
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};
ALLOWED.allowedAttributes = { ...(ALLOWED.allowedAttributes as Record<string, string[]>), a: ['href', 'rel'] };

export function sanitizeWordHtml(html: string): string {
  return sanitizeHtml(html, ALLOWED).normalize('NFC');
}

/** Pre-processes one embedded image: returns the bytes to store, or null to leave it out (too big, unreadable). */
export type ImageShrinker = (bytes: Uint8Array, contentType: string) => Promise<{ bytes: Uint8Array; contentType: string; width?: number; height?: number } | null>;

/** Images kept per document (each is a file and a request on the phone). */
const MAX_IMAGES = 300;

const EXT: Record<string, string> = { 'image/webp': 'webp', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };

/**
 * .docx bytes → sanitized HTML (NFC) and its images as separate files named `img-N.ext`.
 * Pure JS (mammoth, sanitize-html): runs on Node (in a child process there, to bound its
 * memory) and is meant to run in a Worker too.
 */
export async function convertDocx(docx: Uint8Array, shrink: ImageShrinker): Promise<{ html: string; images: WordImage[]; messages: string[] }> {
  const images: WordImage[] = [];
  // mammoth's Node entry reads `buffer` (JSZip takes a Uint8Array); its browser entry `arrayBuffer`.
  const input = { buffer: docx, arrayBuffer: docx.buffer.slice(docx.byteOffset, docx.byteOffset + docx.byteLength) } as unknown as { arrayBuffer: ArrayBuffer };
  const result = await mammoth.convertToHtml(input, {
    convertImage: mammoth.images.imgElement(async (image) => {
      if (images.length >= MAX_IMAGES) return { src: '' };
      const raw = await image.read();
      const kept = await shrink(new Uint8Array(raw), image.contentType).catch(() => null);
      if (!kept || !EXT[kept.contentType]) return { src: '' }; // dropped by the sanitizer (no valid src)
      const name = `img-${images.length + 1}.${EXT[kept.contentType]}`;
      images.push({ name, bytes: kept.bytes, contentType: kept.contentType });
      return { src: name, ...(kept.width && kept.height && { width: String(kept.width), height: String(kept.height) }) } as { src: string };
    }),
  });
  return { html: sanitizeWordHtml(result.value), images, messages: result.messages.map((m) => m.message) };
}
