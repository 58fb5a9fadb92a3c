/**
 * A large file made on the fly, part by part (never whole in memory), the same bytes every
 * time: a PDF header, then pseudo-random bytes from a linear congruential generator seeded
 * by the part's number. Used by the chunked-upload tests on Node and in workerd (no Node APIs).
 */
import type { ApiClient } from './api-client';

export const MiB = 1024 * 1024;
const HEADER = Uint8Array.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', (ch) => ch.charCodeAt(0));

/** Bytes [start, start + length) of the file `seed`, computed in 4-byte words (start must be a multiple of 4). */
export function fileBytes(seed: number, start: number, length: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(length / 4) * 4);
  const words = new Uint32Array(out.buffer);
  let x = (seed * 2654435761 + start / 4) >>> 0;
  for (let i = 0; i < words.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    words[i] = x ^ (x >>> 15);
  }
  if (start < HEADER.length) out.set(HEADER.subarray(start, start + length), 0);
  return out.subarray(0, length);
}

/** Part `n` (1-based) of a file of `size` bytes cut in parts of `partSize`. */
export function partOf(seed: number, size: number, partSize: number, n: number): Uint8Array {
  const start = (n - 1) * partSize;
  return fileBytes(seed, start, Math.min(partSize, size - start));
}

/** PUT one part; the body may be given (a wrong one) instead of the file's own part. */
export async function putPart(client: ApiClient, uploadId: string, n: number, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await client.fetch(`/api/uploads/${uploadId}/parts/${n}`, {
    method: 'PUT',
    body: body as BodyInit,
    headers: { 'content-type': 'application/octet-stream', ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A body that sends `sent` bytes of `bytes`, then fails: a connection dropped mid-part. */
export function cutBody(bytes: Uint8Array, sent: number): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (done) return controller.error(new Error('connection dropped (test)'));
      done = true;
      controller.enqueue(bytes.slice(0, sent));
    },
  });
}
