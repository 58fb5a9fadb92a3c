import type { MeetingReportView } from '../../shared/api-contract';
import { csvCell } from '../access/access-csv';
import { rowTitle, summaryLines } from './report-words';

const ROW_HEADER = ['session', 'page_views', 'page_devices', 'document_opens', 'document_devices', 'coverage_percent', 'book_opens', 'book_devices'];

/**
 * The report's figures as CSV (UTF-8 with a BOM, CRLF, like access.csv): first the summary
 * as metric / label / value / unit (the PDF's lines, same words), then one row per session
 * and the meeting code's row, with a units header. `separator` ';' for a Vietnamese Excel.
 */
export function reportCsv(report: MeetingReportView, separator: ',' | ';' = ','): string {
  const line = (cells: unknown[]) => cells.map((v) => csvCell(v, separator)).join(separator);
  const percent = (ratio: number | null) => (ratio === null ? '' : Math.round(ratio * 1000) / 10);
  const summary = summaryLines(report).map((l) => line([l.key, l.label, l.key === 'coverage' ? percent(l.value) : l.value ?? '', l.unit]));
  const rows = report.perSession.map((r) => line([rowTitle(r), r.views, r.pageDevices, r.opens, r.openDevices, percent(r.coverage), r.bookOpens, r.bookDevices]));
  const unknown = report.paper.pagesUnknown.map((title) => line(['pages_unknown', title, '', '']));
  return '\uFEFF' + [
    line(['metric', 'label', 'value', 'unit']), ...summary, ...unknown,
    '',
    line(ROW_HEADER),
    line(['', 'lượt xem', 'thiết bị', 'lượt mở', 'thiết bị', '%', 'lượt mở', 'thiết bị']),
    ...rows,
  ].join('\r\n') + '\r\n';
}
