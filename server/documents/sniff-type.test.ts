import { describe, expect, it } from 'vitest';
import { makeExe, makePdf } from '../../test/support/sample-files';
import { extensionOf, servedFilename, sniffType } from './sniff-type';

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

// Every accepted type with its exact content type, label and extensions: what the phone is told it gets.
describe('sniffType, type by type (killing the mutants StrykerJS found alive)', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
  const riff = (kind: string) => Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0x10, 0, 0, 0, ...text(kind), 0x56, 0x50, 0x38, 0x20]);
  const cases: [string, Uint8Array, string, string, string[]][] = [
    ['a.pdf', makePdf(), 'application/pdf', 'PDF', ['pdf']],
    ['a.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png', 'PNG', ['png']],
    ['a.jpeg', bytes(0xff, 0xd8, 0xff, 0xdb), 'image/jpeg', 'JPEG', ['jpg', 'jpeg']],
    ['a.gif', text('GIF89a'), 'image/gif', 'GIF', ['gif']],
    ['a.webp', riff('WEBP'), 'image/webp', 'WebP', ['webp']],
    ['a.docx', zipWith('[Content_Types].xml', 'word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word', ['docx']],
    ['a.xlsx', zipWith('_rels/.rels', 'xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel', ['xlsx']],
    ['a.pptx', zipWith('ppt/slides/slide1.xml'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PowerPoint', ['pptx']],
    ['a.odt', zipWith('mimetype', 'application/vnd.oasis.opendocument.text'), 'application/vnd.oasis.opendocument.text', 'OpenDocument', ['odt']],
    ['a.ods', zipWith('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), 'application/vnd.oasis.opendocument.spreadsheet', 'OpenDocument', ['ods']],
    ['a.odp', zipWith('mimetype', 'application/vnd.oasis.opendocument.presentation'), 'application/vnd.oasis.opendocument.presentation', 'OpenDocument', ['odp']],
    ['a.doc', Uint8Array.from(OLE2), 'application/msword', 'Word', ['doc']],
    ['a.xls', Uint8Array.from(OLE2), 'application/vnd.ms-excel', 'Excel', ['xls']],
    ['a.ppt', Uint8Array.from(OLE2), 'application/vnd.ms-powerpoint', 'PowerPoint', ['ppt']],
    ['a.txt', text('Chương trình'), 'text/plain; charset=utf-8', 'Text', ['txt']],
    ['a.csv', text('họ tên,đơn vị\r\n'), 'text/csv; charset=utf-8', 'CSV', ['csv']],
    ['a.md', text('# Ghi chú'), 'text/markdown; charset=utf-8', 'Text', ['md']],
  ];
  it.each(cases)('%s', (name, head, contentType, label, extensions) => {
    expect(sniffType(head, name, true)).toEqual({ contentType, label, extensions });
  });

  it('refuses zips that are not office documents, and RIFF files that are not WebP', () => {
    expect(sniffType(zipWith('mimetype', 'application/epub+zip'), 'a.odt', true)).toBeNull();
    expect(sniffType(zipWith('[Content_Types].xml', 'customXml/item1.xml'), 'a.docx', true)).toBeNull(); // the markers, but no Word/Excel/PowerPoint part
    expect(sniffType(zipWith('word/document.xml'), 'a.docx', true)?.label).toBe('Word'); // a part name alone is enough
    expect(sniffType(zipWith('[Content_Types].xml', 'word/document.xml'), 'a.xlsx', true)).toBeNull(); // known extension, other type
    expect(sniffType(riff('WAVE'), 'a.webp', true)).toBeNull();
    expect(sniffType(Uint8Array.from(OLE2), 'a.pdf', true)).toBeNull();
    expect(sniffType(Uint8Array.from(OLE2), 'Biên bản', true)).toBeNull(); // an OLE2 file is only what its extension says
  });

  it('takes text only when it is UTF-8 without NUL and does not open like a web page', () => {
    expect(sniffType(text('Ghi chú <script> trong câu'), 'a.txt', true)?.label).toBe('Text'); // only a leading tag is a page
    for (const page of ['<!DOCTYPE html>', '  <HTML>', '\n<svg xmlns="x">', '<script>alert(1)</script>']) expect(sniffType(text(page), 'a.txt', true), page).toBeNull();
    expect(sniffType(text('abc'), 'a.exe', true)).toBeNull();
    const cut = text('Biên bản ệ').subarray(0, 14); // the window ends inside the three-byte 'ệ'
    expect(sniffType(cut, 'a.txt', false)?.label).toBe('Text');
    expect(sniffType(cut, 'a.txt', true)).toBeNull(); // the whole file: a broken letter is not UTF-8
    expect(sniffType(Uint8Array.from([0xc3, 0x28, 0x61, 0x62, 0x63, 0x64, 0x65]), 'a.txt', false)).toBeNull(); // broken before the last four bytes
  });

  it('reads the extension after the last dot; a leading dot is a name, not an extension', () => {
    expect(extensionOf('Báo cáo.final.PDF')).toBe('pdf');
    expect(extensionOf('.pdf')).toBe('');
    expect(extensionOf('noextension')).toBe('');
    expect(sniffType(makePdf(), '.exe', true)?.label).toBe('PDF');
    expect(servedFilename('.exe', sniffType(makePdf(), '.exe', true)!)).toBe('.exe.pdf');
  });
});

describe('sniffType, more mutants StrykerJS found alive', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it('refuses every executable or web extension on a real PDF', () => {
    for (const ext of ['exe', 'com', 'bat', 'cmd', 'msi', 'scr', 'dll', 'js', 'mjs', 'vbs', 'ps1', 'sh', 'jar', 'apk', 'html', 'htm', 'xhtml', 'svg', 'hta', 'lnk', 'zip']) {
      expect(sniffType(makePdf(), `Báo cáo.${ext}`, true), ext).toBeNull();
    }
  });

  it('reads an OpenDocument type at the start of its mimetype entry, with the next entry after it', () => {
    const next = 'PK\u0003\u0004\u0014\u0000META-INF/manifest.xml';
    for (const [ext, mime] of [['odt', 'text'], ['ods', 'spreadsheet'], ['odp', 'presentation']]) {
      expect(sniffType(zipWith('mimetype', `application/vnd.oasis.opendocument.${mime}${next}`), `a.${ext}`, true)?.extensions, ext).toEqual([ext]);
    }
    expect(sniffType(zipWith('mimetype', `application/epub+zip${next}`), 'a.odp', true)).toBeNull();
    expect(sniffType(zipWith('mimetype', 'application/epub+zip'), 'Sách', true)).toBeNull();
  });

  it('takes the OLE2 signature whole: text named .doc is not a Word file', () => {
    expect(sniffType(text('Biên bản họp'), 'a.doc', true)).toBeNull();
  });
});
