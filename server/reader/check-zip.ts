import { JobFailure } from '../jobs/job-handler';

/** Uncompressed bytes a .docx may declare in all (text and images); a real one is a few MB. */
export const MAX_UNZIPPED_BYTES = 300 * 1024 * 1024;
/** A part this much bigger than its compressed size is a zip bomb, not a document. */
const MAX_RATIO = 200;

/**
 * Reads a zip's central directory (no decompression) and refuses what would blow up when
 * unpacked: too many bytes in all, or a part compressed beyond any real document's ratio.
 * Runs before mammoth, which unpacks parts whole in memory.
 */
export function checkZip(bytes: Uint8Array): { entries: number; unzipped: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 64 KB, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new JobFailure('docx_corrupt', 'no zip directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let unzipped = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new JobFailure('docx_corrupt', 'broken zip directory');
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    // ZIP64 markers (0xffffffff) mean a part of 4 GB or more: no document needs that.
    if (size === 0xffffffff || compressed === 0xffffffff) throw new JobFailure('docx_too_large', 'a part of 4 GB or more');
    unzipped += size;
    if (size > 1024 * 1024 && size / Math.max(1, compressed) > MAX_RATIO) throw new JobFailure('docx_zip_bomb', `a part expands ${Math.round(size / Math.max(1, compressed))}×`);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (unzipped > MAX_UNZIPPED_BYTES) throw new JobFailure('docx_too_large', `${Math.round(unzipped / 1048576)} MB unpacked`);
  return { entries: count, unzipped };
}
