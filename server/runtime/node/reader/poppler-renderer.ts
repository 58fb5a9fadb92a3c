import { join } from 'node:path';
import { JobFailure } from '../../../jobs/job-handler';
import type { PageRenderer, PageSink, RenderOptions, RenderSource } from '../../../reader/reader-ports';
import { PAGE_WIDTH } from '../../../reader/rendition-plan';
import { encodePage } from './encode-page';
import { saveSource, withWorkDir } from './source-file';
import { runTool, ToolError } from './run-tool';

// A hostile PDF can ask for huge images: each poppler process gets at most this much memory
// (out of the server's process, so delegates are not touched) and this much time per page.
const TOOL_MEMORY_KB = 1_500_000;
const PAGE_TIMEOUT_MS = 60_000;
// 860 px wide and up to ~9,000 px tall as 24-bit pixels; taller is not a page a phone can show.
const MAX_PAGE_BYTES = 24 * 1024 * 1024;

/**
 * PDF → page images with poppler (pdfinfo, pdftotext, pdftoppm from Debian's poppler-utils,
 * run as separate programs): one pdftoppm per page, each page encoded and handed to the
 * sink before the next is rendered, so memory stays at one page whatever the PDF's size.
 */
export class PopplerRenderer implements PageRenderer {
  readonly name = 'poppler';

  async renderPdf(source: RenderSource, sink: PageSink, options: RenderOptions): Promise<void> {
    await withWorkDir(async (dir) => {
      const file = await saveSource(source, join(dir, 'source.pdf'), options.signal);
      await this.renderPdfFile(file, sink, options);
    });
  }

  /** Renders a PDF already on disk (LibreOffice's output goes here too). */
  async renderPdfFile(file: string, sink: PageSink, options: RenderOptions): Promise<void> {
    const { signal } = options;
    const info = await this.tool('pdfinfo', [file], signal, 60_000);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout.toString('utf8'))?.[1] ?? NaN);
    if (!(pages > 0)) throw new JobFailure('pdf_corrupt', 'no pages');
    const rendering = Math.min(pages, options.maxPages);
    await sink.count(pages, rendering);
    // The text of every rendered page in one run; pdftotext ends each page with a form feed.
    const text = await this.tool('pdftotext', ['-f', '1', '-l', String(rendering), '-enc', 'UTF-8', file, '-'], signal, 120_000, 64 * 1024 * 1024);
    const texts = text.stdout.toString('utf8').split('\f');
    for (let page = 1; page <= rendering; page++) {
      const ppm = await this.tool('pdftoppm', ['-f', String(page), '-l', String(page), '-scale-to-x', String(PAGE_WIDTH), '-scale-to-y', '-1', file], signal, PAGE_TIMEOUT_MS, MAX_PAGE_BYTES);
      if (ppm.stdout.length === 0) throw new JobFailure('pdf_corrupt', `page ${page} did not render`);
      await sink.page(await encodePage(ppm.stdout, page, (texts[page - 1] ?? '').trim()));
    }
  }

  /** Runs a poppler tool; its refusals become reasons the console can name. */
  private async tool(command: string, args: string[], signal: AbortSignal, timeoutMs: number, maxStdout = 1024 * 1024) {
    try {
      const result = await runTool(command, args, { signal, timeoutMs, maxStdout, memoryKb: TOOL_MEMORY_KB });
      if (result.code !== 0) {
        if (/incorrect password|encrypted/i.test(result.stderr)) throw new JobFailure('pdf_password', result.stderr.trim().slice(0, 300));
        throw new JobFailure('pdf_corrupt', `${command} exit ${result.code}: ${result.stderr.trim().slice(0, 300)}`);
      }
      return result;
    } catch (error) {
      if (error instanceof ToolError && error.reason === 'aborted') throw signal.reason ?? error;
      if (error instanceof ToolError && error.reason === 'output') throw new JobFailure('page_too_large', error.message);
      if (error instanceof ToolError && error.reason === 'timeout') throw new JobFailure('timeout', error.message);
      throw error;
    }
  }
}
