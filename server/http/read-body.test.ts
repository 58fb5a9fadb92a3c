import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { bodyTooLarge, MAX_JSON_BYTES, readCapped } from './read-body';

/** A body that hands out the given chunks, and tells how many were pulled and whether it was let go. */
function chunked(chunks: number[]) {
  const seen = { pulled: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === chunks.length) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(chunks[i]!).fill(i + 1));
      i++;
    },
  }, { highWaterMark: 0 });
  return { stream, seen };
}

describe('readCapped', () => {
  it('JSON bodies are capped at 64 KB', () => {
    expect(MAX_JSON_BYTES).toBe(65_536);
  });

  it('joins the chunks in order, up to exactly the limit', async () => {
    const { stream } = chunked([3, 2, 5]);
    expect([...(await readCapped(stream, 10))]).toEqual([1, 1, 1, 2, 2, 3, 3, 3, 3, 3]);
    expect((await readCapped(chunked([]).stream, 10)).byteLength).toBe(0);
    expect((await readCapped(null, 10)).byteLength).toBe(0);
  });

  it('refuses a body one byte past the limit while it streams, without reading the rest', async () => {
    const { stream, seen } = chunked([6, 5, 100, 100]);
    const error = await readCapped(stream, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: 'body_too_large', message: 'The request body is larger than the 0 KB limit' });
    expect(seen.pulled).toBe(2);
    // The reader was released: the stream can be cancelled by its owner.
    expect(stream.locked).toBe(false);
  });

  it('refuses a declared Content-Length over the limit before reading a byte', async () => {
    const { stream, seen } = chunked([1]);
    await expect(readCapped(stream, 10, '11')).rejects.toMatchObject({ code: 'body_too_large' });
    expect(seen.pulled).toBe(0);
    expect((await readCapped(chunked([10]).stream, 10, '10')).byteLength).toBe(10);
    // A lying small declaration does not help: the count is what streams.
    await expect(readCapped(chunked([11]).stream, 10, '1')).rejects.toMatchObject({ code: 'body_too_large' });
  });

  it('uses the caller’s refusal when given', async () => {
    const mine = new Error('mine');
    await expect(readCapped(chunked([5]).stream, 4, undefined, () => mine)).rejects.toBe(mine);
    await expect(readCapped(chunked([1]).stream, 4, '5', () => mine)).rejects.toBe(mine);
  });

  it('names the limit in KB below 1 MB and in MB from 1 MB', () => {
    expect(bodyTooLarge(64 * 1024).message).toBe('The request body is larger than the 64 KB limit');
    expect(bodyTooLarge(1024 * 1024 - 1).message).toBe('The request body is larger than the 1024 KB limit');
    expect(bodyTooLarge(1024 * 1024).message).toBe('The request body is larger than the 1 MB limit');
    expect(bodyTooLarge(100 * 1024 * 1024).message).toBe('The request body is larger than the 100 MB limit');
    expect(bodyTooLarge(1536).message).toBe('The request body is larger than the 2 KB limit');
    expect(bodyTooLarge(1024 * 1024).status).toBe(413);
  });
});
