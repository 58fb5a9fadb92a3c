import type { ObjectStore } from '../storage/object-store';
import type { SignatureReason } from './signature-report';

/** The /Contents hex string a byte range leaves out, at most this long (hex digits): 1 MB of DER. */
export const MAX_CONTENTS_HEX = 2 * 1024 * 1024;
/** Dictionary text read on either side of /Contents, for /SubFilter and /M. */
const DICTIONARY_WINDOW = 2048;

export type DictionaryRead =
  | { ok: true; cms: Uint8Array; subFilter?: string; m?: string }
  | { ok: false; reason: SignatureReason; detail?: string };

/** Checks that a byte range is well formed and inside the file (the gap is the /Contents string). */
export function checkByteRange(ranges: [number, number, number, number], size: number): SignatureReason | null {
  const [a, b, c, d] = ranges;
  // A signature covers the file from its first byte: anything else leaves a prefix unsigned.
  if (a !== 0 || b <= 0 || d < 0) return 'byte_range_malformed';
  if (c < a + b + 2) return 'byte_range_malformed';
  if (c + d > size || a + b > size) return 'byte_range_outside_file';
  return null;
}

async function readRange(store: ObjectStore, key: string, start: number, end: number): Promise<Uint8Array> {
  if (end < start) return new Uint8Array(0);
  const object = await store.get(key, { start, end });
  if (!object) throw new Error('object vanished during the check');
  // Read at most what was asked: a store that ignored the range must not make us buffer the file.
  const want = end - start + 1;
  const out = new Uint8Array(want);
  let filled = 0;
  const reader = object.body.getReader();
  try {
    while (filled < want) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = value.subarray(0, want - filled);
      out.set(take, filled);
      filled += take.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return out.subarray(0, filled);
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Decodes `<hex…>` (whitespace allowed, odd length padded with 0 as PDF says). */
export function decodeHexString(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] !== 0x3c || bytes[bytes.length - 1] !== 0x3e) return null;
  const out = new Uint8Array(Math.ceil((bytes.length - 2) / 2));
  let n = 0;
  let high = -1;
  for (let i = 1; i < bytes.length - 1; i++) {
    const code = bytes[i]!;
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c) continue;
    const value = hexValue(code);
    if (value < 0) return null;
    if (high < 0) high = value;
    else {
      out[n++] = (high << 4) | value;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high << 4;
  return out.subarray(0, n);
}

function nameAfter(text: string, key: string): string | undefined {
  const match = new RegExp(`/${key}\\s*/([^\\s/<>\\[\\]()]{1,64})`).exec(text);
  return match?.[1];
}

function stringAfter(text: string, key: string): string | undefined {
  const match = new RegExp(`/${key}\\s*\\(([^()\\\\]{1,64})\\)`).exec(text);
  return match?.[1];
}

/**
 * Reads one signature's /Contents (the gap between its two ranges) and the dictionary text
 * around it with ranged reads: a few kilobytes, whatever the size of the file.
 */
export async function readSignatureDictionary(store: ObjectStore, key: string, ranges: [number, number, number, number]): Promise<DictionaryRead> {
  const gapStart = ranges[0] + ranges[1];
  const gapEnd = ranges[2]; // exclusive
  if (gapEnd - gapStart > MAX_CONTENTS_HEX + 2) {
    return { ok: false, reason: 'contents_too_large', detail: `${Math.round((gapEnd - gapStart) / 1024)} KB` };
  }
  const [before, gap, after] = await Promise.all([
    readRange(store, key, Math.max(0, gapStart - DICTIONARY_WINDOW), gapStart - 1),
    readRange(store, key, gapStart, gapEnd - 1),
    readRange(store, key, gapEnd, gapEnd + DICTIONARY_WINDOW - 1),
  ]);
  const latin1 = new TextDecoder('latin1');
  // The dictionary starts after the last `obj` before /Contents (its own object) and ends at `endobj`.
  const beforeText = latin1.decode(before);
  const ownStart = beforeText.lastIndexOf(' obj');
  const afterText = latin1.decode(after);
  const ownEnd = afterText.indexOf('endobj');
  const text = `${ownStart >= 0 ? beforeText.slice(ownStart) : beforeText} ${ownEnd >= 0 ? afterText.slice(0, ownEnd) : afterText}`;
  const cms = decodeHexString(gap);
  if (!cms) return { ok: false, reason: 'contents_malformed' };
  return { ok: true, cms, subFilter: nameAfter(text, 'SubFilter'), m: stringAfter(text, 'M') };
}

/** A PDF date `D:YYYYMMDDHHmmSS+07'00'` as an ISO time, or undefined. */
export function parsePdfDate(value: string | undefined): string | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(value ?? '');
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const time = utc - offset;
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}
