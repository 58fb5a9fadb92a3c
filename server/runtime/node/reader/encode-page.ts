import sharp from 'sharp';
import type { RenderedPage } from '../../../reader/reader-ports';

// One page at a time, no cache: libvips keeps no pages around between jobs, and one thread
// leaves the other cores to delegates.
sharp.cache(false);
sharp.concurrency(1);

/** Parses a binary PPM (P6) from pdftoppm: its size and where the pixels start. */
export function parsePpm(ppm: Buffer): { width: number; height: number; pixels: Buffer } {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (at < ppm.length && /\s/.test(String.fromCharCode(ppm[at]!))) at++;
    const start = at;
    while (at < ppm.length && !/\s/.test(String.fromCharCode(ppm[at]!))) at++;
    fields.push(ppm.toString('latin1', start, at));
  }
  const [magic, width, height, max] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P6' || max !== 255 || !(width > 0 && height > 0)) throw new Error('not an 8-bit PPM');
  const pixels = ppm.subarray(at + 1);
  if (pixels.length < width * height * 3) throw new Error('truncated PPM');
  return { width, height, pixels };
}

/** Gray when (nearly) no pixel has colour: a sampled pixel with a channel spread over 24 counts as colour. */
export function isGray(pixels: Buffer, width: number, height: number): boolean {
  let coloured = 0;
  let sampled = 0;
  const step = 3 * 7; // every 7th pixel is plenty on a page
  for (let i = 0; i + 2 < width * height * 3; i += step) {
    const r = pixels[i]!, g = pixels[i + 1]!, b = pixels[i + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured++;
    sampled++;
  }
  return coloured <= sampled * 0.002;
}

// A palette PNG keeps text crisp and small (a dense A4 page at 860 px: ~64 KB with 16 grays
// against ~158 KB as WebP; quantizer effort 1 takes a third of the time of effort 4 for +20 %); photos and scans compress better as WebP. Try the likely winner
// first, the other only when the first is heavy.
const HEAVY = 90 * 1024;
const BUDGET = 72 * 1024;

/** One rendered page (PPM) → the lighter of a palette PNG and a WebP, grayscale where the page is. */
export async function encodePage(ppm: Buffer, page: number, text: string): Promise<RenderedPage> {
  const { width, height, pixels } = parsePpm(ppm);
  const gray = isGray(pixels, width, height);
  const image = () => {
    const img = sharp(pixels, { raw: { width, height, channels: 3 } });
    return gray ? img.greyscale() : img;
  };
  const png = async () => ({ bytes: await image().png({ palette: true, colours: gray ? 16 : 64, compressionLevel: 9, effort: 1 }).toBuffer(), contentType: 'image/png' as const });
  // A heavy gray page is a scan: a 3×3 median takes out the paper grain (a typical 200 dpi
  // scan's page drops from ~120 to ~85 KB) and keeps the strokes of the text.
  const webp = async (quality: number) => ({ bytes: await (gray ? image().median(3) : image()).webp({ quality, effort: 4 }).toBuffer(), contentType: 'image/webp' as const });
  let best: { bytes: Buffer; contentType: 'image/png' | 'image/webp' } = await png();
  if (best.bytes.length > HEAVY) {
    const other = await webp(gray ? 50 : 60);
    if (other.bytes.length < best.bytes.length) best = other;
  }
  // Still heavy: a lower quality, so the first page of a scan shows within 3 s on slow 3G
  // (50 KB/s). Typed text stays legible at 860 px; the original keeps every detail.
  if (best.bytes.length > BUDGET) {
    const lighter = await webp(gray ? 36 : 45);
    if (lighter.bytes.length < best.bytes.length) best = lighter;
  }
  return { page, bytes: new Uint8Array(best.bytes.buffer, best.bytes.byteOffset, best.bytes.length), contentType: best.contentType, width, height, text };
}
