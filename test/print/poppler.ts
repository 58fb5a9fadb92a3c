import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterEach } from 'vitest';

// Test helpers around poppler-utils: the PDFs are checked with the same
// tools a print shop or a reader would use, not with pdf-lib reading back
// its own output.

const run = promisify(execFile);

export interface PdfFile {
  path: string;
  dir: string;
}

/** Writes the PDF to a fresh temp folder; `cleanup` removes it. */
export async function writePdf(bytes: Uint8Array): Promise<PdfFile & { cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'qrhop-print-'));
  const path = join(dir, 'sheet.pdf');
  await writeFile(path, bytes);
  return { path, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Plain text per page (pdftotext separates pages with form feeds). */
export async function pdfText(pdf: PdfFile): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdf.path, '-'], { maxBuffer: 64 << 20 });
  const pages = stdout.split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

/** Whitespace collapsed, for comparing text that may have been wrapped. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface Word {
  text: string;
  /** Points, origin top-left (pdftotext -bbox convention). */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

const decodeEntities = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every word with its box, per page, from `pdftotext -bbox`. */
export async function pdfWords(pdf: PdfFile): Promise<PageWords[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf.path, '-'], { maxBuffer: 64 << 20 });
  const pages: PageWords[] = [];
  const pagePattern = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordPattern = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g;
  for (const page of stdout.matchAll(pagePattern)) {
    const words: Word[] = [];
    for (const w of (page[3] ?? '').matchAll(wordPattern)) {
      words.push({
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        text: decodeEntities(w[5] ?? ''),
      });
    }
    pages.push({ width: Number(page[1]), height: Number(page[2]), words });
  }
  return pages;
}

/** Lines of `pdfimages -list` after its two header lines: one per image drawn on a page. */
export async function pdfImages(pdf: PdfFile): Promise<string[]> {
  const { stdout } = await run('pdfimages', ['-list', pdf.path]);
  return stdout.trim().split('\n').slice(2);
}

/** Rasterises every page with pdftoppm and returns the decoded PNGs in page order. */
export async function rasterize(pdf: PdfFile, dpi: number): Promise<PNG[]> {
  await run('pdftoppm', ['-r', String(dpi), '-png', pdf.path, join(pdf.dir, 'page')], { maxBuffer: 64 << 20 });
  const files = (await readdir(pdf.dir)).filter((name) => /^page-\d+\.png$/.test(name));
  // pdftoppm zero-pads page numbers to the page count's width; sort numerically anyway.
  files.sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]));
  return Promise.all(files.map(async (name) => PNG.sync.read(await readFile(join(pdf.dir, name)))));
}

/** Rasterises page 1 to a JPEG (pdftoppm -jpeg): how the tests get a JPEG logo without an image library. */
export async function jpegOf(pdf: PdfFile, dpi: number): Promise<Uint8Array> {
  await run('pdftoppm', ['-r', String(dpi), '-jpeg', '-singlefile', pdf.path, join(pdf.dir, 'logo')]);
  return new Uint8Array(await readFile(join(pdf.dir, 'logo.jpg')));
}

/** A writer of PDFs to temp folders that are removed after each test of the calling file. */
export function tempPdfs(): (bytes: Uint8Array) => Promise<PdfFile> {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async (bytes) => {
    const pdf = await writePdf(bytes);
    cleanups.push(pdf.cleanup);
    return pdf;
  };
}
