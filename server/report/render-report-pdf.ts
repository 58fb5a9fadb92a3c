import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { MeetingReportView } from '../../shared/api-contract';
import { cleanText } from '../print/clean-text';
import { embedSheetFonts } from '../print/fonts';
import type { SheetFonts } from '../print/types';
import { ellipsize, unitWidth, wrapText } from '../print/wrap-text';
import { METHOD_NOTES, rowTitle, summaryLines, viNumber, viPercent, viTime } from './report-words';

export const REPORT_TITLE = 'Báo cáo kết quả hội nghị không giấy';
/** Session rows that fit on the one page; more are named by count and left to the CSV. */
export const MAX_PDF_ROWS = 14;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.37, 0.4);
const RULE = rgb(0.78, 0.8, 0.83);

interface Pen {
  page: PDFPage;
  y: number;
}

/**
 * The one-page PDF summary of the report, in Vietnamese, for the file: built with pdf-lib and
 * the QR sheets' fonts (Be Vietnam Pro, subset), every figure with its unit, the same wording
 * as the CSV (report-words.ts). Long titles are cut with "…", never overflow the page.
 */
export async function renderReportPdf(report: MeetingReportView, meeting: { organizer: string; venue: string; startsOn: string | null; endsOn: string | null }, fonts: SheetFonts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${REPORT_TITLE} — ${cleanText(report.meetingTitle)}`);
  doc.setLanguage('vi-VN');
  const { regular, bold } = await embedSheetFonts(doc, fonts);
  const pen: Pen = { page: doc.addPage([A4.width, A4.height]), y: A4.height - MARGIN };
  const width = A4.width - 2 * MARGIN;

  const write = (text: string, font: PDFFont, size: number, options: { color?: typeof INK; x?: number; maxWidth?: number; gap?: number } = {}) => {
    const lines = wrapText(cleanText(text), unitWidth(font), size, options.maxWidth ?? width);
    for (const line of lines) {
      pen.y -= size * 1.3;
      pen.page.drawText(line, { x: options.x ?? MARGIN, y: pen.y, size, font, color: options.color ?? INK });
    }
    pen.y -= options.gap ?? 0;
  };
  const rule = () => {
    pen.y -= 6;
    pen.page.drawLine({ start: { x: MARGIN, y: pen.y }, end: { x: A4.width - MARGIN, y: pen.y }, thickness: 0.6, color: RULE });
    pen.y -= 4;
  };
  const cell = (text: string, font: PDFFont, size: number, x: number, w: number, align: 'left' | 'right' = 'left') => {
    const clean = cleanText(text);
    const fitted = font.widthOfTextAtSize(clean, size) <= w ? clean : ellipsize(clean, unitWidth(font), size, w);
    const dx = align === 'right' ? w - font.widthOfTextAtSize(fitted, size) : 0;
    pen.page.drawText(fitted, { x: x + dx, y: pen.y, size, font, color: INK });
  };

  if (meeting.organizer) write(meeting.organizer.toUpperCase(), bold, 9, { color: MUTED, gap: 4 });
  write(REPORT_TITLE, bold, 17, { gap: 4 });
  write(report.meetingTitle, bold, 11.5);
  const days = [meeting.startsOn, meeting.endsOn].filter((d): d is string => !!d).map((d) => d.split('-').reverse().join('/'));
  const place = [meeting.venue, [...new Set(days)].join(' – ')].filter(Boolean).join(' · ');
  if (place) write(place, regular, 9.5, { color: MUTED });
  write(`Số liệu đến ${viTime(report.generatedAt, report.timezone)} (giờ ${report.timezone})`, regular, 9.5, { color: MUTED });
  rule();

  // The figures, label left and value right.
  write('Tổng hợp', bold, 11, { gap: 2 });
  for (const line of summaryLines(report)) {
    pen.y -= 13.5;
    cell(line.text, bold, 9.5, A4.width - MARGIN - 125, 125, 'right');
    // A long label wraps under itself, clear of the value.
    wrapText(cleanText(line.label), unitWidth(regular), 9.5, width - 135).forEach((part, i) => {
      if (i > 0) pen.y -= 12;
      cell(part, regular, 9.5, MARGIN, width - 135);
    });
  }
  if (report.paper.pagesUnknown.length) {
    pen.y -= 4;
    write(`Chưa biết số trang (không tính vào số trang): ${report.paper.pagesUnknown.join('; ')}`, regular, 8.5, { color: MUTED });
  }
  rule();

  // Per session: through its own codes; the meeting code on its own row.
  write('Theo phiên họp', bold, 11, { gap: 2 });
  const cols = [
    { head: 'Phiên', w: 165, align: 'left' as const },
    { head: 'Lượt xem', w: 50, align: 'right' as const },
    { head: 'Thiết bị mở trang', w: 70, align: 'right' as const },
    { head: 'Lượt mở tài liệu', w: 62, align: 'right' as const },
    { head: 'Thiết bị mở tài liệu', w: 72, align: 'right' as const },
    { head: 'Bao phủ', w: 40, align: 'right' as const },
    { head: 'Mở tập tài liệu', w: 40, align: 'right' as const },
  ];
  const drawRow = (values: string[], font: PDFFont, size: number) => {
    pen.y -= size * 1.45;
    let x = MARGIN;
    values.forEach((value, i) => {
      cell(value, font, size, x, cols[i]!.w - 4, cols[i]!.align);
      x += cols[i]!.w;
    });
  };
  // Headers wrap on two lines within their column.
  const heads = cols.map((c) => wrapText(c.head, unitWidth(bold), 7.5, c.w - 4));
  for (let line = 0; line < 2; line++) drawRow(heads.map((h) => (line === 0 && h.length < 2 ? '' : h[line - (2 - h.length)] ?? '')), bold, 7.5);
  const rows = report.perSession;
  for (const row of rows.slice(0, MAX_PDF_ROWS)) {
    drawRow([rowTitle(row), `${viNumber(row.views)}`, viNumber(row.pageDevices), viNumber(row.opens), viNumber(row.openDevices), viPercent(row.coverage), viNumber(row.bookOpens)], regular, 8.5);
  }
  if (rows.length > MAX_PDF_ROWS) write(`… và ${rows.length - MAX_PDF_ROWS} dòng khác (xem tệp CSV của báo cáo).`, regular, 8.5, { color: MUTED });
  pen.y -= 2;
  write('Đơn vị: lượt xem, thiết bị, lượt mở; bao phủ = thiết bị mở tài liệu / đại biểu dự kiến.', regular, 7.5, { color: MUTED });
  rule();

  write('Cách tính', bold, 10, { gap: 1 });
  for (const note of METHOD_NOTES) write(`• ${note}`, regular, 8, { color: MUTED });
  return doc.save();
}
