import type { MeetingReportView, ReportRow } from '../../shared/api-contract';

/** Numbers as Vietnamese write them (5.760; 85,5%), as the console shows them. */
export const viNumber = (value: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value);
export const viPercent = (ratio: number | null) => (ratio === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(ratio * 100)}%`);

/** "08:05 01/12/2026" in the meeting's timezone. */
export const viTime = (iso: string, timezone: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: timezone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' }).format(new Date(iso));

export const MEETING_CODE_ROW = 'Mã QR chung của hội nghị';
export const rowTitle = (row: ReportRow) => row.title ?? MEETING_CODE_ROW;

/**
 * The report's figures as labelled lines, each with its unit, in the order the PDF and the
 * CSV give them: one wording for both, so they cannot say different things.
 */
export function summaryLines(report: MeetingReportView): { key: string; label: string; value: number | null; unit: string; text: string }[] {
  const t = report.totals;
  const p = report.paper;
  const line = (key: string, label: string, value: number | null, unit: string) =>
    ({ key, label, value, unit, text: value === null ? 'chưa khai báo' : unit === '%' ? viPercent(value) : `${viNumber(value)} ${unit}` });
  return [
    line('expected_delegates', 'Đại biểu dự kiến', report.expectedDelegates, 'đại biểu'),
    line('page_devices', 'Thiết bị đã mở trang tài liệu', t.pageDevices, 'thiết bị'),
    line('open_devices', 'Thiết bị đã mở ít nhất một tài liệu', t.openDevices, 'thiết bị'),
    line('coverage', 'Tỷ lệ bao phủ (thiết bị mở tài liệu / đại biểu dự kiến)', t.coverage, '%'),
    line('views', 'Lượt xem trang danh sách tài liệu', t.views, 'lượt xem'),
    line('opens', 'Lượt mở tài liệu', t.opens, 'lượt mở'),
    line('book_opens', 'Lượt mở tập tài liệu hội nghị', t.bookOpens, 'lượt mở'),
    line('book_devices', 'Thiết bị đã mở tập tài liệu hội nghị', t.bookDevices, 'thiết bị'),
    line('released_documents', 'Tài liệu đã phát hành', p.releasedDocuments, 'tài liệu'),
    line('released_pages', 'Số trang tài liệu đã phát hành', p.releasedPages, 'trang'),
    line('printed_pages_avoided', 'Trang giấy không phải in (số trang × đại biểu dự kiến)', p.printedPagesAvoided, 'trang'),
    line('opened_pages', 'Trang tài liệu đã mở trên điện thoại (mỗi tài liệu × thiết bị đã mở)', p.openedPages, 'trang'),
  ];
}

export const METHOD_NOTES = [
  'Thiết bị: mỗi trình duyệt điện thoại được đếm một lần (cookie của trang), không gắn với danh tính; truy cập tự động (bot) không được tính.',
  'Mỗi phiên được tính theo mã QR của phiên đó; lượt xem và lượt mở qua mã QR chung của hội nghị được tính ở dòng riêng.',
  'Không phân biệt lượt quét mã QR in với đường link được chuyển tiếp: hai cách mở có cùng một địa chỉ, nên báo cáo không đưa ra số liệu này.',
];
