import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JobFailure } from '../../../jobs/job-handler';
import type { RenderSource, WordConverter, WordImage } from '../../../reader/reader-ports';
import { saveSource, withWorkDir } from './source-file';
import { runTool, ToolError } from './run-tool';

const CHILD = fileURLToPath(new URL('./word-child.ts', import.meta.url));
// The child runs the TypeScript source through tsx, found from here (not from the working directory).
const TSX = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
/** The child's JavaScript heap: mammoth unpacks parts whole; a real .docx needs a few tens of MB. */
const CHILD_HEAP_MB = 256;
const TIMEOUT_MS = 120_000;

/**
 * .docx → sanitized HTML with mammoth, in a child process with a capped heap and a time
 * limit: a zip bomb or a pathological document ends that process, not the server, and the
 * server's memory never holds the unpacked document.
 */
export class WordChildConverter implements WordConverter {
  readonly name = 'mammoth';

  async convert(source: RenderSource, options: { signal: AbortSignal }): Promise<{ html: string; images: WordImage[] }> {
    return withWorkDir(async (dir) => {
      const input = await saveSource(source, join(dir, 'source.docx'), options.signal);
      const out = join(dir, 'out');
      await mkdir(out);
      try {
        const run = await runTool(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MB}`, '--import', TSX, CHILD, input, out], { signal: options.signal, timeoutMs: TIMEOUT_MS, maxStdout: 64 * 1024 });
        const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8').catch(() => 'null')) as
          | { failure: { code: string; detail: string } }
          | { images: { name: string; contentType: string }[] }
          | null;
        if (!result) throw new JobFailure('docx_too_large', `the converter ended without a result (exit ${run.code}): ${run.stderr.trim().split('\n').pop()?.slice(0, 200) ?? ''}`);
        if ('failure' in result) throw new JobFailure(result.failure.code, result.failure.detail);
        const images: WordImage[] = [];
        for (const image of result.images) images.push({ ...image, bytes: new Uint8Array(await readFile(join(out, image.name))) });
        return { html: await readFile(join(out, 'doc.html'), 'utf8'), images };
      } catch (error) {
        if (error instanceof ToolError && error.reason === 'timeout') throw new JobFailure('timeout', error.message);
        if (error instanceof ToolError && error.reason === 'aborted') throw options.signal.reason ?? error;
        throw error;
      }
    });
  }
}
