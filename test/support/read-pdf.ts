/** Reads a PDF back with poppler, an independent reader: page count, text per page, and the outline. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReadPdf {
  pages: number;
  /** Text of one page (or pages first..last, or the whole file), NFC. */
  text(first?: number, last?: number): string;
  /** The outline (bookmarks) as pdftohtml -xml reads /Outlines: 1-based page and title. */
  outline: { page: number; title: string }[];
  /** Each word with its box (pdftotext -bbox), per page: to check nothing runs off the page. */
  words(page: number): { text: string; xMin: number; xMax: number; yMin: number; yMax: number }[];
  pageSize(page: number): { width: number; height: number };
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-pdf-'));
  const file = join(dir, 'file.pdf');
  writeFileSync(file, bytes);
  try {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99999', file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const sizes = new Map([...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), { width: Number(m[2]), height: Number(m[3]) }]));
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const outlineXml = /<outline>([\s\S]*?)<\/outline>/.exec(xml)?.[1] ?? '';
    const outline = [...outlineXml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ page: Number(m[1]), title: m[2]!.replace(/&amp;/g, '&').normalize('NFC') }));
    const copy = join(tmpdir(), `qrhop-pdf-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(copy, bytes);
    const text = (first?: number, last?: number) =>
      execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-layout', copy, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).normalize('NFC');
    const words = (page: number) => {
      const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), copy, '-'], { encoding: 'utf8' });
      return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
        .map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.normalize('NFC') }));
    };
    return { pages, text, outline, words, pageSize: (page) => sizes.get(page)! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
