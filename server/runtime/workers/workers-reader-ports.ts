import { imageSize } from 'image-size';
import { JobFailure } from '../../jobs/job-handler';
import { checkZip } from '../../reader/check-zip';
import type { ImageProbe, ReaderPorts, RenderSource, WordConverter, WordImage } from '../../reader/reader-ports';
import type { ImageShrinker } from '../../reader/word-html';

/**
 * A Worker has 128 MB for everything, and mammoth holds the unpacked document whole:
 * .docx files and their unpacked parts are capped well below that. Bigger ones get no
 * reader on Workers (the console says so; the original still downloads).
 */
export const WORKER_DOCX_LIMITS = { maxBytes: 15 * 1024 * 1024, maxUnzipped: 40 * 1024 * 1024 } as const;
/** An embedded image kept as it is (a Worker cannot resize): bigger ones are left out of the reader. */
const MAX_KEPT_IMAGE_BYTES = 1024 * 1024;
const KEPT_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

async function readSource(source: RenderSource, max: number, signal: AbortSignal): Promise<Uint8Array> {
  const bytes = new Uint8Array(await new Response(await source.open()).arrayBuffer());
  signal.throwIfAborted();
  if (bytes.length > max) throw new JobFailure('docx_too_large', `${Math.round(bytes.length / 1048576)} MB`);
  return bytes;
}

// Images as they are when small and of a type phones show; their size read from the header so the reader sets width and height.
const keepImage: ImageShrinker = async (bytes, contentType) => {
  if (!KEPT_TYPES.has(contentType) || bytes.length > MAX_KEPT_IMAGE_BYTES) return null;
  const { width, height } = imageSize(bytes);
  return { bytes, contentType, width, height };
};

/** .docx → sanitized HTML in the Worker itself: mammoth and sanitize-html are pure JavaScript. */
export class InlineWordConverter implements WordConverter {
  readonly name = 'mammoth';

  async convert(source: RenderSource, options: { signal: AbortSignal }): Promise<{ html: string; images: WordImage[] }> {
    if (source.size > WORKER_DOCX_LIMITS.maxBytes) throw new JobFailure('docx_too_large', `${Math.round(source.size / 1048576)} MB (at most ${WORKER_DOCX_LIMITS.maxBytes / 1048576} MB on Workers)`);
    const bytes = await readSource(source, WORKER_DOCX_LIMITS.maxBytes, options.signal);
    // The zip's directory first: a bomb is refused before anything is unpacked.
    const { unzipped } = checkZip(bytes);
    if (unzipped > WORKER_DOCX_LIMITS.maxUnzipped) throw new JobFailure('docx_too_large', `${Math.round(unzipped / 1048576)} MB unpacked (at most ${WORKER_DOCX_LIMITS.maxUnzipped / 1048576} MB on Workers)`);
    // Loaded on the first conversion, not at the isolate's start: mammoth and sanitize-html are
    // ~1 MB of JavaScript that a delegate's first page would otherwise wait for.
    const { convertDocx } = await import('../../reader/word-html');
    try {
      const { html, images } = await convertDocx(bytes, keepImage);
      return { html, images };
    } catch (error) {
      throw new JobFailure('docx_corrupt', error instanceof Error ? error.message : String(error));
    }
  }
}

/** An image document's pixel size, from its header (the first 512 KB hold it, EXIF included). */
export class HeaderImageProbe implements ImageProbe {
  async size(source: RenderSource): Promise<{ width: number; height: number }> {
    const reader = (await source.open()).getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < 512 * 1024) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
    await reader.cancel().catch(() => {});
    const head = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      head.set(chunk, at);
      at += chunk.length;
    }
    try {
      const { width, height } = imageSize(head);
      if (width && height) return { width, height };
    } catch {
      // fall through
    }
    throw new JobFailure('image_unreadable', 'the image header cannot be read');
  }
}

/**
 * What the reader has on Workers: Word text and images as they are. No PDF renderer runs in
 * workerd within its limits, so PDFs are rendered by the organizer's browser (the console)
 * and Office files by `qrhop renditions build`, both through the rendition API.
 */
export function workersReaderPorts(): ReaderPorts {
  return { word: new InlineWordConverter(), images: new HeaderImageProbe() };
}

/** The same, as the rendition API sees it. */
export const WORKERS_RENDERS = { pdf: false, office: false, word: true } as const;
