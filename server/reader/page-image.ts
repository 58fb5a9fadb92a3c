import { imageSize } from 'image-size';

/** Limits on one uploaded page image (see docs/reader.md, "Pages made by a client"). */
export const PAGE_IMAGE_LIMITS = {
  /** Bytes per page: a dense A4 page at 860 px is ~100 KB as WebP, a scan a few hundred KB. */
  maxBytes: 2 * 1024 * 1024,
  /** Pixels wide: the reader shows 860 px; some room for a client that renders wider. */
  minWidth: 200,
  maxWidth: 2000,
  /** Pixels high: a tall page (a long table printed on one page) at 860 px wide. */
  maxHeight: 6000,
} as const;

export type PageImageType = 'image/webp' | 'image/png' | 'image/jpeg';

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/** The image type its first bytes say, whatever the request claimed (a .exe renamed .webp is not an image). */
export function sniffPageImage(bytes: Uint8Array): PageImageType | null {
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

export type PageImageProblem =
  | { code: 'not_an_image' }
  | { code: 'page_too_large'; bytes: number }
  | { code: 'page_dimensions'; width: number; height: number }
  | { code: 'image_unreadable' };

/**
 * Checks an uploaded page image by its bytes: a WebP, PNG or JPEG whose header parses,
 * within the size and pixel limits. Returns its type and size, or what is wrong.
 */
export function checkPageImage(bytes: Uint8Array): { ok: true; type: PageImageType; width: number; height: number } | { ok: false; problem: PageImageProblem } {
  if (bytes.length > PAGE_IMAGE_LIMITS.maxBytes) return { ok: false, problem: { code: 'page_too_large', bytes: bytes.length } };
  const type = sniffPageImage(bytes);
  if (!type) return { ok: false, problem: { code: 'not_an_image' } };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, problem: { code: 'image_unreadable' } };
  }
  const width = size.width ?? 0;
  const height = size.height ?? 0;
  // The header parser must agree with the magic bytes: a PNG signature before a JPEG body is not a page.
  const parsed = size.type === 'jpg' ? 'image/jpeg' : `image/${size.type}`;
  if (parsed !== type) return { ok: false, problem: { code: 'image_unreadable' } };
  if (width < PAGE_IMAGE_LIMITS.minWidth || width > PAGE_IMAGE_LIMITS.maxWidth || height < 1 || height > PAGE_IMAGE_LIMITS.maxHeight) {
    return { ok: false, problem: { code: 'page_dimensions', width, height } };
  }
  return { ok: true, type, width, height };
}
