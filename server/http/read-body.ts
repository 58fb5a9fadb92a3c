import { refuse } from './api-error';

/** JSON bodies of the API are small forms; anything past this is refused while it streams. */
export const MAX_JSON_BYTES = 64 * 1024;

/** 413 body_too_large (its status from the one table, error-status.ts). */
export const bodyTooLarge = (limit: number) =>
  refuse('body_too_large', `The request body is larger than the ${limit >= 1024 * 1024 ? `${Math.round(limit / 1048576)} MB` : `${Math.round(limit / 1024)} KB`} limit`);

/**
 * Reads a body up to `maxBytes`, refusing it (413) as soon as the count passes the limit:
 * never more than the limit is held, whatever the client declared or streams (chunked).
 * A declared Content-Length over the limit is refused before a byte is read.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, declaredLength?: string | null, tooLarge: () => Error = () => bodyTooLarge(maxBytes)): Promise<Uint8Array> {
  if (declaredLength && Number(declaredLength) > maxBytes) throw tooLarge();
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    total += next.value.byteLength;
    if (total > maxBytes) {
      // Stop reading; the rest is the runtime's to discard (Node drains a little, then closes).
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Reads and drops what is left of a body, at most `maxBytes` of it, so that a refusal sent
 * before the body was read reaches the client instead of a reset connection; past the bound the
 * stream is cancelled (a hostile client cannot make the server read without end).
 */
export async function discardBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<void> {
  if (!body || body.locked) return;
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      total += next.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // the client went away: nothing to answer
  } finally {
    reader.releaseLock();
  }
}
