// Child process entry: .docx → sanitized HTML and image files in an output folder.
// Run by WordChildConverter with a capped heap, so a hostile .docx can only take this
// process down, never the server.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { JobFailure } from '../../../jobs/job-handler';
import { checkZip } from '../../../reader/check-zip';
import { PAGE_WIDTH } from '../../../reader/rendition-plan';
import { convertDocx, type ImageShrinker } from '../../../reader/word-html';

sharp.cache(false);
sharp.concurrency(1);

/** An embedded image bigger than this is left out (the original still has it). */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

// Images at most a phone's width at 2×, as WebP; bigger or undecodable ones (EMF, 50 MB photos) are left out.
const shrink: ImageShrinker = async (bytes) => {
  if (bytes.length > MAX_IMAGE_BYTES) return null;
  const { data, info } = await sharp(bytes, { limitInputPixels: 60_000_000 }).rotate().resize({ width: PAGE_WIDTH, withoutEnlargement: true })
    .webp({ quality: 70, effort: 3 }).toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: 'image/webp', width: info.width, height: info.height };
};

async function main() {
  const [input, out] = process.argv.slice(2) as [string, string];
  try {
    const bytes = new Uint8Array(await readFile(input));
    checkZip(bytes);
    const { html, images } = await convertDocx(bytes, shrink);
    for (const image of images) await writeFile(join(out, image.name), image.bytes);
    await writeFile(join(out, 'doc.html'), html);
    await writeFile(join(out, 'result.json'), JSON.stringify({ images: images.map((i) => ({ name: i.name, contentType: i.contentType })) }));
  } catch (error) {
    const failure = error instanceof JobFailure ? { code: error.code, detail: error.message } : { code: 'docx_corrupt', detail: error instanceof Error ? error.message : String(error) };
    await writeFile(join(out, 'result.json'), JSON.stringify({ failure }));
  }
}

await main();
