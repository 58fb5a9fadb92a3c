import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../test/support/read-pdf';
import { makeLockedPdf } from '../../test/reader/office-fixtures';
import { makeVietnamesePdf } from '../../test/support/vietnamese-pdf';
import { readSheetFonts } from '../runtime/node/font-bytes';
import type { SignatureStatus } from '../signatures/signature-report';
import type { BookDocument, BookInputs } from './book-inputs';
import { compileBook } from './compile-book';

const poppler = (bytes: Uint8Array) => readPdf(bytes);

let n = 0;
function doc(title: string, bytes: Uint8Array, contentType = 'application/pdf', signature: SignatureStatus | undefined = 'unsigned'): BookDocument & { bytes: Uint8Array } {
  n++;
  stored.set(`k${n}`, bytes);
  return { id: `doc${n}`, title, sessionId: 's1', signature, bytes, file: { version: 1, storageKey: `k${n}`, filename: `${title}.pdf`, contentType, size: bytes.length, etag: `"e${n}"` } };
}

function inputsOf(documents: BookDocument[]): BookInputs {
  return {
    meetingId: 'm1', scope: 's1',
    meeting: { title: 'Kỳ họp thứ 12 HĐND huyện Gio Linh', venue: 'Hội trường UBND huyện', timezone: 'Asia/Ho_Chi_Minh', startsOn: '2026-12-01', organizer: 'HĐND huyện Gio Linh' },
    sessions: [{ id: 's1', title: 'Phiên thảo luận tổ 2', startsAt: new Date('2026-12-01T01:00:00Z'), endsAt: new Date('2026-12-01T04:30:00Z'), room: 'Phòng họp số 3' }],
    documents, pinSessionsLeftOut: [], changesAt: null,
  };
}

// The test's documents carry their bytes; the compiler asks by storage key.
const stored = new Map<string, Uint8Array>();
const read = async (key: string) => stored.get(key) ?? null;

describe('compileBook', () => {
  it('cover + every page of each PDF in agenda order, "Trang x/y" on each page, one bookmark per document', async () => {
    const docs = [
      doc('Tờ trình về kế hoạch đầu tư công năm 2027', await makeVietnamesePdf(['Tờ trình trang một', 'Tờ trình trang hai', 'Tờ trình trang ba'])),
      doc('Báo cáo thẩm tra của Ban Kinh tế – Xã hội', await makeVietnamesePdf(['Báo cáo trang một', 'Báo cáo trang hai'])),
      doc('Dự thảo nghị quyết về giá đất', await makeVietnamesePdf(['Nghị quyết trang một'])),
    ];
    const book = await compileBook(inputsOf(docs), read, readSheetFonts());
    const read_ = poppler(book.bytes);
    expect(book.manifest.coverPages).toBe(1);
    expect(read_.pages).toBe(1 + 3 + 2 + 1);
    expect(book.pages).toBe(7);
    expect(read_.outline).toEqual([
      { page: 2, title: 'Tờ trình về kế hoạch đầu tư công năm 2027' },
      { page: 5, title: 'Báo cáo thẩm tra của Ban Kinh tế – Xã hội' },
      { page: 7, title: 'Dự thảo nghị quyết về giá đất' },
    ]);
    for (let p = 1; p <= 7; p++) expect(read_.text(p)).toContain(`Trang ${p}/7`);
    const cover = read_.text(1);
    for (const title of ['Kỳ họp thứ 12 HĐND huyện Gio Linh', 'Phiên thảo luận tổ 2', 'Phòng họp số 3', '08:00 01/12/2026 – 11:30', 'Tờ trình về kế hoạch đầu tư công năm 2027', 'Báo cáo thẩm tra của Ban Kinh tế – Xã hội']) expect(cover).toContain(title);
    expect(read_.text(5)).toContain('Báo cáo trang một');
    // The cover's page numbers count the cover itself.
    expect(cover).toMatch(/Tờ trình về kế hoạch đầu tư công năm 2027\s+trang 2/);
  }, 60_000);

  it('names on the cover what it leaves out (encrypted, broken, not a PDF, too large), and a signed PDF goes in unnumbered, marked as a copy', async () => {
    const docs = [
      doc('Văn bản có mật khẩu', makeLockedPdf()),
      doc('Tệp hỏng', new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf')),
      doc('Bảng dự toán', new Uint8Array(10), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      doc('Phụ lục rất lớn', await makeVietnamesePdf(['Phụ lục'])),
      doc('Quyết định đã ký số', await makeVietnamesePdf(['Quyết định trang một', 'Quyết định trang hai']), 'application/pdf', 'trusted'),
    ];
    // Over the 50 MB limit: left out before its bytes are read.
    docs[3]!.file.size = 50 * 1024 * 1024 + 1;
    const book = await compileBook(inputsOf(docs), read, readSheetFonts());
    const read_ = poppler(book.bytes);
    expect(read_.pages).toBe(1 + 2);
    expect(book.manifest.leftOut.map((d) => [d.title, d.reason])).toEqual([
      ['Văn bản có mật khẩu', 'encrypted'], ['Tệp hỏng', 'broken'], ['Bảng dự toán', 'not_pdf'], ['Phụ lục rất lớn', 'too_large'],
    ]);
    const cover = read_.text(1).replace(/\s+/g, ' ');
    for (const phrase of ['tệp PDF có mật khẩu', 'tệp PDF bị hỏng', 'chưa có bản PDF', 'tệp lớn hơn', 'Bản sao — không mang chữ ký số', 'chỉ kiểm tra được trên bản gốc']) expect(cover).toContain(phrase);
    // The signed document's pages are copied untouched (altered-copy-policy): no page number written on them.
    expect(read_.text(2)).toContain('Quyết định trang một');
    expect(read_.text(2)).not.toContain('Trang 2/3');
    expect(read_.text(1)).toContain('Trang 1/3');
    expect(read_.outline).toEqual([{ page: 2, title: 'Quyết định đã ký số' }]);
  }, 60_000);
});

/** A PDF of `pages` small pages, each with its number (cheap to make and to copy). */
async function manyPages(pages: number, name: string): Promise<Uint8Array> {
  const { StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) pdf.addPage([595.28, 841.89]).drawText(`${name} ${p}`, { x: 72, y: 760, size: 14, font });
  return pdf.save();
}

describe('the 2,000-page cap', () => {
  it('stops before a document that would pass 2,000 pages, names it and the later ones on the cover, and says the cap was reached', async () => {
    const docs = [
      doc('Phụ lục A', await manyPages(900, 'A')),
      doc('Phụ lục B', await manyPages(900, 'B')),
      doc('Phụ lục C', await manyPages(300, 'C')),
      doc('Phụ lục D', await manyPages(5, 'D')),
    ];
    const started = performance.now();
    const book = await compileBook(inputsOf(docs), read, readSheetFonts());
    const ms = performance.now() - started;
    const pdf = poppler(book.bytes);
    expect(pdf.pages).toBe(1 + 900 + 900);
    expect(pdf.pages).toBeLessThanOrEqual(2000);
    expect(book.manifest.capped).toBe(true);
    expect(book.manifest.leftOut.map((d) => [d.title, d.reason])).toEqual([['Phụ lục C', 'cap'], ['Phụ lục D', 'cap']]);
    const cover = pdf.text(1).replace(/\s+/g, ' ');
    expect(cover).toContain('Tệp đã đạt giới hạn 2.000 trang');
    expect(cover).toContain('vượt giới hạn 2.000 trang của tệp tổng hợp');
    expect(pdf.text(1801)).toContain('Trang 1801/1801');
    console.log(`2,000-page cap: ${pdf.pages} pages compiled in ${Math.round(ms)} ms, ${(book.bytes.length / 1024 / 1024).toFixed(1)} MB`);
  }, 300_000);
});
