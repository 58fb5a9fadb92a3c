import { describe, expect, it } from 'vitest';
import { makeExe, makePdf } from '../../test/support/sample-files';
import { servedFilename, sniffType } from './sniff-type';

const bytes = (...b: number[]) => Uint8Array.from(b);
const zipWith = (firstName: string, rest = '') => {
  const name = new TextEncoder().encode(firstName + rest);
  const head = new Uint8Array(30 + name.length);
  head.set([0x50, 0x4b, 0x03, 0x04]);
  head[26] = firstName.length;
  head.set(name, 30);
  return head;
};

describe('sniffType', () => {
  it('recognises documents by their bytes', () => {
    expect(sniffType(makePdf(), 'a.pdf', true)?.contentType).toBe('application/pdf');
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'x.png', true)?.contentType).toBe('image/png');
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0), 'x.jpg', true)?.contentType).toBe('image/jpeg');
    expect(sniffType(zipWith('[Content_Types].xml', 'word/document.xml'), 'Tờ trình.docx', true)?.label).toBe('Word');
    expect(sniffType(zipWith('[Content_Types].xml', 'xl/workbook.xml'), 'Dự toán.xlsx', true)?.label).toBe('Excel');
    expect(sniffType(zipWith('[Content_Types].xml', 'ppt/presentation.xml'), 'Slide.pptx', true)?.label).toBe('PowerPoint');
    expect(sniffType(zipWith('mimetype', 'application/vnd.oasis.opendocument.text'), 'b.odt', true)?.contentType).toBe('application/vnd.oasis.opendocument.text');
    expect(sniffType(new TextEncoder().encode('Chương trình hội nghị\n'), 'ct.txt', true)?.contentType).toMatch(/^text\/plain/);
  });

  it('refuses executables whatever their name, and names that contradict the bytes', () => {
    expect(sniffType(makeExe(), 'Báo cáo.pdf', true)).toBeNull();
    expect(sniffType(makeExe(), 'setup.exe', true)).toBeNull();
    expect(sniffType(makePdf(), 'virus.exe', true)).toBeNull();
    expect(sniffType(makePdf(), 'report.docx', true)).toBeNull();
    expect(sniffType(zipWith('payload.js'), 'archive.docx', true)).toBeNull();
    expect(sniffType(new TextEncoder().encode('<html><script>alert(1)</script>'), 'x.txt', true)).toBeNull();
    expect(sniffType(new TextEncoder().encode('plain words'), 'x.html', true)).toBeNull();
    expect(sniffType(bytes(0, 1, 2, 3), 'x.txt', true)).toBeNull();
  });

  it('keeps unusual name endings and adds the right extension when serving', () => {
    const type = sniffType(makePdf(), 'Báo cáo v2.1', true)!;
    expect(type.contentType).toBe('application/pdf');
    expect(servedFilename('Báo cáo v2.1', type)).toBe('Báo cáo v2.1.pdf');
    expect(servedFilename('a.PDF', type)).toBe('a.PDF');
  });
});
