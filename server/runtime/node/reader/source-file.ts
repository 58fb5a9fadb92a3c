import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RenderSource } from '../../../reader/reader-ports';

/** A private temporary folder for one job's files, removed when `work` ends, whatever happens. */
export async function withWorkDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'qrhop-render-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Streams the original from the store to a file (the tools read files; memory stays flat). */
export async function saveSource(source: RenderSource, path: string, signal: AbortSignal): Promise<string> {
  const body = await source.open();
  await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(path), { signal });
  return path;
}
