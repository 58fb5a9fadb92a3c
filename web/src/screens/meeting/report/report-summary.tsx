import type { Report } from '../../../api/types';
import { formatNumber } from '../../../format/display';

/** Coverage to a tenth of a percent, as the PDF and the CSV give it. */
const formatPercent = (ratio: number, lang: string) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
import { useI18n } from '../../../i18n/i18n';

/** What organizers report upward: every figure with its unit, coverage against the delegates expected, paper saved. */
export function ReportSummary({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const { totals, paper, expectedDelegates: expected } = report;
  return (
    <div class="card report-summary">
      <h3>{t('report.summary')}</h3>
      {expected === null && <p class="notice notice-info">{t('report.expectedMissing')}</p>}
      <dl class="totals">
        <div>
          <dt>{t('report.openDevices')}</dt>
          <dd data-metric="open-devices">{t('report.devicesN', { n: n(totals.openDevices) })}</dd>
          <small class="muted">{t('report.pageDevices')}: {t('report.devicesN', { n: n(totals.pageDevices) })}</small>
        </div>
        <div>
          <dt>{t('report.coverage')}</dt>
          <dd data-metric="coverage">{totals.coverage === null ? '—' : formatPercent(totals.coverage, lang)}</dd>
          {expected !== null && <small class="muted">{t('report.coverageDetail', { opened: n(totals.openDevices), expected: n(expected) })}</small>}
        </div>
        <div>
          <dt>{t('report.paper')}</dt>
          <dd data-metric="paper">{paper.printedPagesAvoided === null ? '—' : t('report.pagesN', { n: n(paper.printedPagesAvoided) })}</dd>
          <small class="muted">{expected === null ? t('report.paperUnknownExpected', { pages: n(paper.releasedPages) }) : t('report.paperDetail', { pages: n(paper.releasedPages), expected: n(expected) })}</small>
        </div>
        <div>
          <dt>{t('report.openedPages')}</dt>
          <dd data-metric="opened-pages">{t('report.pagesN', { n: n(paper.openedPages) })}</dd>
          <small class="muted">{t('report.openedPagesDetail')}</small>
        </div>
        <div>
          <dt>{t('report.book')}</dt>
          <dd data-metric="book">{t('report.opensN', { n: n(totals.bookOpens) })}</dd>
          <small class="muted">{t('report.devicesN', { n: n(totals.bookDevices) })}</small>
        </div>
        <div>
          <dt>{t('report.opens')}</dt>
          <dd data-metric="opens">{t('report.opensN', { n: n(totals.opens) })}</dd>
          <small class="muted">{t('report.viewsN', { n: n(totals.views) })} · <span data-metric="devices">{t('report.devicesN', { n: n(totals.devices) })}</span></small>
        </div>
      </dl>
      {paper.pagesUnknown.length > 0 && <p class="muted small">{t('report.pagesUnknown', { titles: paper.pagesUnknown.join('; ') })}</p>}
    </div>
  );
}

/** Per session through its own codes, and the meeting-wide code's own row: units in the headers. */
export function SessionTable({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div class="card">
      <h3 id="session-table">{t('report.sessionTable')}</h3>
      <div class="table-wrap">
        <table class="report-table" aria-labelledby="session-table">
          <thead>
            <tr>
              <th scope="col">{t('report.col.session')}</th>
              <th scope="col" class="num">{t('report.col.views')}</th>
              <th scope="col" class="num">{t('report.col.pageDevices')}</th>
              <th scope="col" class="num">{t('report.col.opens')}</th>
              <th scope="col" class="num">{t('report.col.openDevices')}</th>
              <th scope="col" class="num">{t('report.col.coverage')}</th>
              <th scope="col" class="num">{t('report.col.book')}</th>
            </tr>
          </thead>
          <tbody>
            {report.perSession.map((row) => (
              <tr key={row.sessionId ?? 'meeting'}>
                <th scope="row">{row.title ?? t('report.meetingCodeRow')}</th>
                <td class="num">{n(row.views)}</td>
                <td class="num">{n(row.pageDevices)}</td>
                <td class="num">{n(row.opens)}</td>
                <td class="num">{n(row.openDevices)}</td>
                <td class="num">{row.coverage === null ? '—' : formatPercent(row.coverage, lang)}</td>
                <td class="num">{n(row.bookOpens)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('report.scopeNote')}</p>
    </div>
  );
}
