import { useState } from 'preact/hooks';
import { formatNumber, formatTimeSeconds } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';
import { BarList, type BarRow } from './bar-list';
import { ReportSummary, SessionTable } from './report-summary';
import { TimelineChart } from './timeline-chart';
import { useStats } from './use-stats';
import { signatureStatusWords } from '../../../../../shared/i18n/signature-words';

/**
 * The access report: what organizers report upward first (devices, coverage, paper, with their
 * units; the one-page PDF and the CSV of the same figures), then per session, over time,
 * per document and per label, refreshing during the meeting.
 */
export function ReportTab() {
  const { t, lang } = useI18n();
  const { meeting } = useMeetingState().detail;
  const [live, setLive] = useState(meeting.status === 'published');
  const { stats, report, error, at, busy, refresh } = useStats(meeting.id, live);
  const n = (v: number) => formatNumber(v, lang);
  const devices = (v: number) => t('report.devicesN', { n: n(v) });

  // The server lists every document, unopened ones with zeros: they are part of the answer.
  // A signed document's status goes beside its figures (the CSV carries it too, column document_signature).
  const signature = (status: string | null) => (status && status !== 'unsigned' ? ` · ${signatureStatusWords[lang][status as keyof (typeof signatureStatusWords)['vi']] ?? status}` : '');
  const perDocument: BarRow[] = stats ? stats.perDocument.map((d) => ({
    key: d.documentId, name: d.title, value: d.opens, unit: t('report.perDocumentUnit'),
    detail: [devices(d.devices), d.reads ? t('report.readsN', { n: n(d.reads) }) : '', d.readDepth ? t('report.depth', { avg: n(d.readDepth.averagePage), max: n(d.readDepth.furthestPage) }) : ''].filter(Boolean).join(' · ') + signature(d.signature),
  })) : [];
  const perLabel: BarRow[] = stats
    ? stats.perLabel.map((l) => ({ key: l.label ?? '', name: l.label ?? t('report.noLabel'), value: l.views, unit: t('report.perLabelUnit'), detail: `${t('report.opensN', { n: n(l.opens) })} · ${devices(l.devices)}` }))
    : [];
  const base = `/api/meetings/${meeting.id}`;

  return (
    <section aria-labelledby="report-title" class="report">
      <div class="section-head">
        <h2 id="report-title">{t('report.heading')}</h2>
        <div class="button-row">
          <label class="check">
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} />
            {t('report.live')}
          </label>
          <span class="muted" aria-live="polite">{at ? t('report.updatedAt', { time: formatTimeSeconds(at, meeting.timezone, lang) }) : ''}</span>
          <button type="button" class="btn btn-small" onClick={() => refresh()} disabled={busy}>{t('report.refresh')}</button>
        </div>
      </div>
      <div class="button-row report-downloads">
        <a class="btn btn-small btn-primary" href={`${base}/report.pdf`} download>{t('report.pdf')}</a>
        <a class="btn btn-small" href={`${base}/report.csv`} download>{t('report.reportCsv')}</a>
        <a class="btn btn-small" href={`${base}/access.csv`} download>{t('report.accessCsv')}</a>
      </div>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {!stats && !error && <p class="loading">{t('state.loading')}</p>}
      {stats && report && (
        <>
          <ReportSummary report={report} />
          <SessionTable report={report} />
          <div class="card">
            <h3>{t('report.timeline')}</h3>
            <TimelineChart timeline={stats.timeline} timeZone={meeting.timezone} />
          </div>
          <div class="report-grid">
            <div class="card">
              <h3>{t('report.perDocument')}</h3>
              <BarList rows={perDocument} label={t('report.perDocument')} empty={t('docs.empty')} />
            </div>
            <div class="card">
              <h3>{t('report.perLabel')}</h3>
              <BarList rows={perLabel} label={t('report.perLabel')} empty={t('report.noEvents')} />
            </div>
          </div>
          <p class="muted small">{t('report.scanNote')}</p>
          <p class="muted small">{t('report.botsNote', { n: n(stats.totals.bots) })}</p>
        </>
      )}
    </section>
  );
}
