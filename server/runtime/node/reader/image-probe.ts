import sharp from 'sharp';
import { JobFailure } from '../../../jobs/job-handler';
import type { ImageProbe, RenderSource } from '../../../reader/reader-ports';

/** Header bytes read to learn an image's size (EXIF blocks come first in JPEGs, rarely past 256 KB). */
const HEAD_BYTES = 512 * 1024;

/** The pixel size of an image document, from its first bytes only. */
export class SharpImageProbe implements ImageProbe {
  async size(source: RenderSource): Promise<{ width: number; height: number }> {
    const reader = (await source.open()).getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < HEAD_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    await reader.cancel().catch(() => undefined);
    const head = Buffer.concat(chunks);
    const meta = await sharp(head).metadata().catch(() => null);
    if (!meta?.width || !meta.height) throw new JobFailure('image_unreadable', 'no size in the first 512 KB');
    // EXIF orientations 5–8 turn the picture a quarter: the browser shows it turned, so swap.
    const turned = (meta.orientation ?? 1) >= 5;
    return turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  }
}
