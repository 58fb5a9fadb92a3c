import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JobFailure } from '../../../jobs/job-handler';
import type { OfficeRenderer, PageSink, RenderOptions, RenderSource } from '../../../reader/reader-ports';
import type { PopplerRenderer } from './poppler-renderer';
import { saveSource, withWorkDir } from './source-file';
import { runTool, ToolError } from './run-tool';

const EXTENSIONS: Record<string, string> = {
  'application/msword': 'doc', 'application/vnd.ms-excel': 'xls', 'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt', 'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** A conversion taking longer than this is a hung LibreOffice (a 6-page .docx takes ~1 s warm). */
const CONVERT_TIMEOUT_MS = 180_000;

/**
 * Office files → PDF with LibreOffice headless (Debian's soffice), then pages with poppler.
 * Each conversion gets its own user profile (`-env:UserInstallation`): two soffice runs on
 * one profile block each other, and a crashed run's lock must not stop the next one.
 */
export class LibreOfficeRenderer implements OfficeRenderer {
  readonly name = 'libreoffice+poppler';

  constructor(private readonly pages: PopplerRenderer, private readonly command = 'soffice') {}

  async renderOffice(source: RenderSource, sink: PageSink, options: RenderOptions): Promise<void> {
    await withWorkDir(async (dir) => {
      const ext = EXTENSIONS[source.contentType.split(';')[0]!.trim()] ?? 'bin';
      const input = await saveSource(source, join(dir, `source.${ext}`), options.signal);
      const out = join(dir, 'out');
      try {
        const result = await runTool(this.command, [
          '--headless', '--norestore', '--nologo', '--nolockcheck', '--nodefault',
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--convert-to', 'pdf', '--outdir', out, input,
        ], { signal: options.signal, timeoutMs: CONVERT_TIMEOUT_MS, maxStdout: 64 * 1024, cwd: dir, env: { ...process.env, HOME: dir } });
        const pdf = (await readdir(out).catch(() => [] as string[])).find((name) => name.endsWith('.pdf'));
        if (!pdf) throw new JobFailure('office_rejected', `soffice exit ${result.code}: ${(result.stderr || result.stdout.toString()).trim().slice(0, 300)}`);
        // The converted PDF is worth keeping: the meeting book takes the Office file's pages from it.
        if (sink.pdf) await sink.pdf(await readFile(join(out, pdf)));
        await this.pages.renderPdfFile(join(out, pdf), sink, options);
      } catch (error) {
        if (error instanceof ToolError && error.reason === 'timeout') throw new JobFailure('office_timeout', error.message);
        if (error instanceof ToolError && error.reason === 'aborted') throw options.signal.reason ?? error;
        throw error;
      }
    });
  }
}
