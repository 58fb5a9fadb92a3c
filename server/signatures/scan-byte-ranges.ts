/**
 * Finds every signature dictionary of a PDF by streaming it once and looking for `/ByteRange`.
 * A signature dictionary is never inside a compressed object stream (its byte offsets must be
 * literal), so a byte scan finds them all, including those of earlier revisions, without
 * holding more than one chunk and a small carry in memory.
 */

const MARKER = new TextEncoder().encode('/ByteRange');
const FIRST = 0x2f; // "/"
/** Room after the marker for `[a b c d]` with generous whitespace. */
const LOOKAHEAD = 160;
/** Readers accept the `%PDF-` header anywhere in the first kilobyte. */
const HEADER_ROOM = 1024;

export interface FoundByteRange {
  /** File offset of the `/ByteRange` marker. */
  at: number;
  /** The four integers, or null when the array is not four non-negative integers. */
  ranges: [number, number, number, number] | null;
}

export interface ScanResult {
  found: FoundByteRange[];
  /** Every marker seen, including those past `limit` and duplicates. */
  markers: number;
  size: number;
  startsLikePdf: boolean;
}

function parseArray(window: Uint8Array, from: number): [number, number, number, number] | null {
  const text = new TextDecoder('latin1').decode(window.subarray(from, from + LOOKAHEAD));
  // Four integers that fit a file offset; anything else (names, reals, refs) is not a byte range.
  const match = /^\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

function indexOfMarker(window: Uint8Array, from: number): number {
  for (let i = window.indexOf(FIRST, from); i !== -1; i = window.indexOf(FIRST, i + 1)) {
    if (i + MARKER.length > window.length) return -1;
    let same = true;
    for (let k = 1; k < MARKER.length; k++) {
      if (window[i + k] !== MARKER[k]) {
        same = false;
        break;
      }
    }
    if (same) return i;
  }
  return -1;
}

/**
 * Reads the stream to its end; keeps at most `limit` distinct byte ranges (counting all markers),
 * so a file with thousands of signature dictionaries costs one pass and bounded memory.
 */
export async function scanByteRanges(body: ReadableStream<Uint8Array>, limit: number): Promise<ScanResult> {
  const found: FoundByteRange[] = [];
  const seen = new Set<string>();
  let markers = 0;
  let carry: Uint8Array = new Uint8Array(0);
  let carryAt = 0; // file offset of carry[0]
  let size = 0;
  let head: Uint8Array = new Uint8Array(0);
  const reader = body.getReader();
  const take = (window: Uint8Array, windowAt: number, final: boolean): number => {
    // Answers the window offset from which bytes must be kept for the next round.
    let from = 0;
    for (;;) {
      const i = indexOfMarker(window, from);
      if (i === -1) break;
      if (!final && i + MARKER.length + LOOKAHEAD > window.length) return i; // array may be cut: wait for more
      markers++;
      const ranges = parseArray(window, i + MARKER.length);
      const key = ranges ? ranges.join(' ') : `bad@${windowAt + i}`;
      if (!seen.has(key) && found.length < limit) {
        seen.add(key);
        found.push({ at: windowAt + i, ranges });
      }
      from = i + MARKER.length;
    }
    return Math.max(from, window.length - MARKER.length + 1);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (head.length < HEADER_ROOM) head = concat(head, value.subarray(0, HEADER_ROOM - head.length));
    size += value.length;
    const window = carry.length ? concat(carry, value) : value;
    const keepFrom = take(window, carryAt, false);
    carry = window.slice(Math.min(keepFrom, window.length));
    carryAt += keepFrom;
  }
  if (carry.length) take(carry, carryAt, true);
  const startsLikePdf = new TextDecoder('latin1').decode(head).includes('%PDF-');
  return { found, markers, size, startsLikePdf };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
