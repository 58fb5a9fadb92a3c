import { PDFDocument } from 'pdf-lib';
import { formatDay, formatTime } from '../delegate/page-shell';
import { embedSheetFonts } from '../print/fonts';
import type { PdfTask } from '../ports/pdf-work';
import type { SheetFonts } from '../ports/sheet-fonts';
import { copyLabel, mayAlterBytes } from '../signatures/altered-copy-policy';
import { drawPageNumber } from '../stamps/margin-text';
import { addOutline } from './add-outline';
import type { BookDocument, BookInputs } from './book-inputs';
import { MEETING_SCOPE } from './book-inputs';
import { layoutCover, type CoverLine } from './cover-layout';

/** Pages a book holds at most (cover included): past it, documents are left out and the cover says so. */
export const MAX_BOOK_PAGES = 2000;
/** A document larger than this is not read into a book (named on the cover; delegates open it alone). */
export const MAX_BOOK_DOCUMENT_BYTES = 50 * 1024 * 1024;

export type LeftOutReason = 'not_pdf' | 'encrypted' | 'broken' | 'too_large' | 'cap' | 'missing';

const REASON_WORDS: Record<LeftOutReason, string> = {
  not_pdf: 'chưa có bản PDF, mở riêng trên trang tài liệu',
  encrypted: 'tệp PDF có mật khẩu hoặc bị mã hoá',
  broken: 'tệp PDF bị hỏng, không đọc được',
  too_large: `tệp lớn hơn ${MAX_BOOK_DOCUMENT_BYTES / 1024 / 1024} MB`,
  cap: `vượt giới hạn ${MAX_BOOK_PAGES.toLocaleString('vi-VN')} trang của tệp tổng hợp`,
  missing: 'không tìm thấy tệp trong kho',
};

export interface BookManifest {
  /** Documents inside, in order: `firstPage` is 1-based in the book. */
  documents: { id: string; version: number; title: string; firstPage: number; pages: number; signed: boolean }[];
  leftOut: { id: string; version: number; title: string; reason: LeftOutReason }[];
  /** Every document the page listed when the book was made, in order (inside or left out): what the book is "up to date" with. */
  considered: { id: string; version: number }[];
  coverPages: number;
  capped: boolean;
}

export interface CompiledBook {
  bytes: Uint8Array;
  pages: number;
  manifest: BookManifest;
}

export interface CompileLimits {
  maxPages?: number;
  maxDocumentBytes?: number;
}

/**
 * Compiles one book: the cover, then each listed PDF's pages in agenda order, "Trang x/y"
 * in the margin and one bookmark per document. A document that cannot go in (not a PDF,
 * encrypted, broken, too large, past the page cap, missing) is named on the cover with the
 * reason; nothing makes the whole book fail but the store being down (thrown: the job
 * retries). The pages of a signed PDF are copied as they are — no page number is written
 * on them (mayAlterBytes) — and the cover marks them as copies without the signature.
 */
export async function compileBook(
  inputs: BookInputs,
  readFile: (storageKey: string) => Promise<Uint8Array | null>,
  fonts: SheetFonts,
  limits: CompileLimits = {},
): Promise<CompiledBook> {
  const maxPages = limits.maxPages ?? MAX_BOOK_PAGES;
  const maxBytes = limits.maxDocumentBytes ?? MAX_BOOK_DOCUMENT_BYTES;
  const book = await PDFDocument.create();
  const embedded = await embedSheetFonts(book, fonts);
  const manifest: BookManifest = { documents: [], leftOut: [], considered: inputs.documents.map((d) => ({ id: d.id, version: d.file.version })), coverPages: 0, capped: false };
  // Room inside the cap for the cover: one page per ~35 listed documents (its lines), at least one.
  const coverReserve = Math.ceil((inputs.documents.length + 12) / 35);
  let bodyPages = 0;
  for (const doc of inputs.documents) {
    const leave = (reason: LeftOutReason) => manifest.leftOut.push({ id: doc.id, version: doc.file.version, title: doc.title, reason });
    // A PDF's own bytes, or an Office file's PDF rendition; anything else stays on the page only.
    const pdf = doc.file.contentType === 'application/pdf' ? { storageKey: doc.file.storageKey, size: doc.file.size } : doc.pdfRendition;
    if (!pdf) { leave('not_pdf'); continue; }
    if (pdf.size > maxBytes) { leave('too_large'); continue; }
    if (manifest.capped) { leave('cap'); continue; }
    const bytes = await readFile(pdf.storageKey);
    if (!bytes) { leave('missing'); continue; }
    // pdf-lib parses leniently: a broken file may load and fail only when its pages are walked.
    let source: PDFDocument;
    let count: number;
    try {
      // Loaded past its encryption only to tell it apart (pdf-lib's EncryptedPDFError fails instanceof): never copied.
      source = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
      if (source.isEncrypted) { leave('encrypted'); continue; }
      count = source.getPageCount();
    } catch {
      leave('broken');
      continue;
    }
    if (count === 0) { leave('broken'); continue; }
    if (coverReserve + bodyPages + count > maxPages) {
      manifest.capped = true;
      leave('cap');
      continue;
    }
    let copied;
    try {
      copied = await book.copyPages(source, source.getPageIndices());
    } catch {
      leave('broken');
      continue;
    }
    for (const page of copied) book.addPage(page);
    manifest.documents.push({ id: doc.id, version: doc.file.version, title: doc.title, firstPage: bodyPages + 1, pages: count, signed: !mayAlterBytes(doc.signature, doc.file.contentType) });
    bodyPages += count;
  }

  const coverFor = (coverPages: number) => layoutCover(coverLines(inputs, manifest, coverPages, maxPages), embedded);
  // The cover lists page numbers that count the cover itself: lay it out once to know its length.
  let cover = coverFor(1);
  cover = coverFor(cover.pages);
  manifest.coverPages = cover.pages;
  for (const entry of manifest.documents) entry.firstPage += cover.pages;
  cover.draw(book);

  const total = book.getPageCount();
  const pages = book.getPages();
  const untouched = new Set(manifest.documents.filter((d) => d.signed).flatMap((d) => Array.from({ length: d.pages }, (_, i) => d.firstPage - 1 + i)));
  pages.forEach((page, i) => {
    if (!untouched.has(i)) drawPageNumber(page, `Trang ${i + 1}/${total}`, embedded.regular);
  });
  addOutline(book, manifest.documents.map((d) => ({ title: d.title, pageIndex: d.firstPage - 1 })));
  book.setTitle(bookTitle(inputs), { showInWindowTitleBar: true });
  book.setLanguage('vi');
  book.setProducer('QRHop');
  book.setCreator('QRHop');
  const bytes = await book.save({ useObjectStreams: true });
  return { bytes, pages: total, manifest };
}

/** compileBook as a PdfTask: the Node server runs it on a worker thread, a Worker in place. */
export const compileBookTask: PdfTask<{ inputs: BookInputs; fonts: SheetFonts; limits?: CompileLimits }, CompiledBook> = {
  name: 'compile-book',
  run: ({ inputs, fonts, limits }, io) => compileBook(inputs, io.readFile, fonts, limits),
  outputBuffers: (book) => [book.bytes],
};

function bookTitle(inputs: BookInputs): string {
  const session = inputs.scope === MEETING_SCOPE ? null : inputs.sessions[0];
  return session ? `${session.title} — ${inputs.meeting.title}` : inputs.meeting.title;
}

function timeRange(s: BookInputs['sessions'][number], timezone: string): string | null {
  if (!s.startsAt) return null;
  const start = formatTime(s.startsAt, timezone, 'vi');
  if (!s.endsAt) return start;
  const end = new Intl.DateTimeFormat('vi-VN', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(s.endsAt);
  // "08:00 01/12/2026 – 11:30"
  return `${start} – ${end}`;
}

function coverLines(inputs: BookInputs, manifest: BookManifest, coverPages: number, maxPages: number): CoverLine[] {
  const isMeeting = inputs.scope === MEETING_SCOPE;
  const { meeting } = inputs;
  const lines: CoverLine[] = [];
  if (meeting.organizer) lines.push({ text: meeting.organizer.toUpperCase(), size: 9, grey: true });
  lines.push({ text: isMeeting ? 'TOÀN BỘ TÀI LIỆU HỘI NGHỊ' : 'TOÀN BỘ TÀI LIỆU PHIÊN', weight: 'bold', size: 10, gap: 6, grey: true });
  lines.push({ text: meeting.title, weight: 'bold', size: 17, gap: 4 });
  if (isMeeting) {
    if (meeting.startsOn) lines.push({ text: `Ngày: ${formatDay(meeting.startsOn)}`, gap: 4 });
    if (meeting.venue) lines.push({ text: `Địa điểm: ${meeting.venue}` });
  } else {
    const session = inputs.sessions[0]!;
    lines.push({ text: session.title, weight: 'bold', size: 13, gap: 4 });
    const when = timeRange(session, meeting.timezone);
    if (when) lines.push({ text: `Thời gian: ${when}`, gap: 4 });
    if (session.room || meeting.venue) lines.push({ text: `Phòng: ${session.room || meeting.venue}` });
  }

  lines.push({ text: 'Danh sách tài liệu theo chương trình', weight: 'bold', size: 11, gap: 16 });
  const inside = new Map(manifest.documents.map((d) => [d.id, d]));
  const leftOut = new Map(manifest.leftOut.map((d) => [d.id, d]));
  let n = 0;
  let anySigned = false;
  for (const session of inputs.sessions) {
    const docs = inputs.documents.filter((d) => d.sessionId === session.id);
    if (isMeeting) {
      const when = timeRange(session, meeting.timezone);
      lines.push({ text: [session.title, when, session.room].filter(Boolean).join(' · '), weight: 'bold', size: 10, gap: 8 });
      if (!docs.length) lines.push({ text: 'Chưa có tài liệu.', indent: 14, grey: true });
    }
    for (const doc of docs) {
      n++;
      const entry = inside.get(doc.id);
      const right = entry ? `trang ${entry.firstPage + coverPages}` : 'không có trong tệp';
      lines.push({ text: `${n}. ${doc.title}`, right, indent: isMeeting ? 14 : 0, gap: 3 });
      const label = copyLabel(doc.signature, 'vi');
      if (label && doc.signature) {
        anySigned = true;
        lines.push({ text: `Có chữ ký số. ${label}: chỉ kiểm tra được chữ ký trên bản gốc.`, size: 8.5, indent: isMeeting ? 28 : 14, grey: true });
      }
      const out = leftOut.get(doc.id);
      if (out) lines.push({ text: `Không đưa vào tệp này: ${REASON_WORDS[out.reason]}.`, size: 8.5, indent: isMeeting ? 28 : 14, grey: true });
    }
  }

  if (manifest.capped) {
    lines.push({ text: `Tệp đã đạt giới hạn ${maxPages.toLocaleString('vi-VN')} trang: các tài liệu ghi "vượt giới hạn" không có trong tệp này; mở từng tài liệu trên trang mã QR.`, weight: 'bold', size: 9.5, gap: 12 });
  }
  if (inputs.pinSessionsLeftOut.length) {
    lines.push({ text: `Các phiên có mã PIN không nằm trong tệp chung: ${inputs.pinSessionsLeftOut.join('; ')}. Mở tài liệu của các phiên này sau khi nhập mã PIN.`, size: 9.5, gap: 10 });
  }
  if (anySigned) {
    lines.push({
      text: 'Về chữ ký số: khi ghép vào tệp này, các trang được sao chép nên không còn mang chữ ký số. Chữ ký chỉ kiểm tra được trên bản gốc: trên trang tài liệu (mã QR), chạm "Tải về" ở văn bản đó để nhận bản gốc có chữ ký số.',
      size: 9, gap: 14, grey: true,
    });
  }
  lines.push({ text: 'Số trang "Trang x/y" ở lề dưới mỗi trang tính cả trang bìa. Dấu trang (bookmark) mở từng tài liệu.', size: 8.5, gap: 14, grey: true });
  return lines;
}
