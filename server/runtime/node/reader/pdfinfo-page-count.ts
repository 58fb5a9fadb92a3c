import { join } from 'node:path';
import type { PageCounter } from '../../../documents/count-pages-job';
import type { ObjectStore } from '../../../storage/object-store';
import { runTool } from './run-tool';
import { saveSource, withWorkDir } from './source-file';

/** A broken file cannot keep pdfinfo busy or eat memory for long. */
const PDFINFO_TIMEOUT_MS = 60_000;
const PDFINFO_MEMORY_KB = 512 * 1024;

/**
 * Counts a stored PDF's pages with poppler's pdfinfo in a child process (streamed to a
 * temporary file first, so memory stays flat): null when pdfinfo is missing, fails, or the
 * file has no pages.
 */
export function pdfinfoPageCounter(store: ObjectStore): PageCounter {
  return async (key) => {
    const object = await store.get(key);
    if (!object) return null;
    const signal = new AbortController().signal;
    try {
      return await withWorkDir(async (dir) => {
        const file = await saveSource({ open: async () => object.body, size: 0, contentType: 'application/pdf', filename: 'source.pdf' }, join(dir, 'source.pdf'), signal);
        const info = await runTool('pdfinfo', [file], { signal, timeoutMs: PDFINFO_TIMEOUT_MS, memoryKb: PDFINFO_MEMORY_KB, maxStdout: 64 * 1024 });
        const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout.toString('utf8'))?.[1] ?? NaN);
        return info.code === 0 && pages > 0 ? pages : null;
      });
    } catch {
      return null; // pdfinfo missing, killed, or the store failed mid-read: no count, the report says so
    }
  };
}
