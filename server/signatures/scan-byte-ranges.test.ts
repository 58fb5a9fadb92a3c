import { describe, expect, it } from 'vitest';
import { hashByteRanges, portableHash } from './hash-byte-ranges';
import { scanByteRanges } from './scan-byte-ranges';

const enc = new TextEncoder();
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe('scanByteRanges', () => {
  const pdf = enc.encode(`%PDF-1.7\n${'x'.repeat(500)}<< /ByteRange [0 10 20 30] /Contents <00> >>\n${'y'.repeat(300)}/ByteRange\n[ 0  1234\n5678 90 ]${'z'.repeat(40)}/ByteRange [0 /x 1 2]`);

  it('finds every byte range whatever the chunking (markers and arrays cut across chunks)', async () => {
    for (const size of [1, 3, 7, 64, 100, 4096]) {
      const result = await scanByteRanges(chunked(pdf, size), 20);
      expect(result.found.map((f) => f.ranges), `chunks of ${size}`).toEqual([[0, 10, 20, 30], [0, 1234, 5678, 90], null]);
      expect(result.found[0]!.at).toBe(pdf.indexOf(0x2f, 509));
      expect(result).toMatchObject({ markers: 3, size: pdf.length, startsLikePdf: true });
    }
  });

  it('keeps at most `limit` distinct ranges but counts every marker', async () => {
    const many = enc.encode('%PDF-1.7\n' + Array.from({ length: 50 }, (_, i) => `/ByteRange [0 ${i + 1} 100 5]`).join('\n') + '/ByteRange [0 1 100 5]');
    const result = await scanByteRanges(chunked(many, 33), 5);
    expect(result.found).toHaveLength(5);
    expect(result.markers).toBe(51);
  });
});

describe('hashByteRanges', () => {
  it('feeds each hash exactly its two ranges across chunk boundaries', async () => {
    const bytes = enc.encode('0123456789abcdefghijklmnopqrstuvwxyz');
    const ranges: [number, number, number, number][] = [[0, 5, 10, 6], [0, 20, 30, 6]];
    const expected = await Promise.all(ranges.map(async ([a, b, c, d]) => {
      const joined = new Uint8Array([...bytes.subarray(a, a + b), ...bytes.subarray(c, c + d)]);
      return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
    }));
    for (const size of [1, 4, 11, 100]) {
      const digests = await hashByteRanges(chunked(bytes, size), ranges.map((r) => ({ ranges: r, hash: portableHash('SHA-256') })));
      expect(digests).toEqual(expected);
    }
  });
});
