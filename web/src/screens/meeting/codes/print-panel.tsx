import { useState } from 'preact/hooks';
import type { Code, MeetingDetail } from '../../../api/types';
import { windowText } from '../../../format/window-text';
import { useI18n } from '../../../i18n/i18n';

type Variants = 'primary' | 'labels' | 'all';
const LAYOUTS = ['a4', 'tent', 'grid'] as const;

const wanted = (variants: Variants) => (c: Code) => (variants === 'all' ? true : variants === 'labels' ? c.label !== null : c.label === null);

/** Chooses what to print (which sessions, which variants, the meeting's own code) and opens the PDF sheets. */
export function PrintPanel({ detail, currentSessionId, onPrinted }: { detail: MeetingDetail; currentSessionId: string | null; onPrinted?(): void }) {
  const { t, lang } = useI18n();
  const [which, setWhich] = useState<'all' | 'current'>('all');
  const [variants, setVariants] = useState<Variants>('primary');
  const [withMeeting, setWithMeeting] = useState(true);
  const onlyCurrent = which === 'current' && currentSessionId !== null;
  const sessions = onlyCurrent ? detail.sessions.filter((s) => s.id === currentSessionId) : detail.sessions;
  // The same selection the server makes, so an empty one is caught here rather than as an error page.
  const count = sessions.reduce((n, s) => n + s.codes.filter(wanted(variants)).length, 0) + (withMeeting ? detail.codes.filter(wanted(variants)).length : 0);
  const query = (layout: string) => {
    const q = new URLSearchParams({ layout, variants, meeting: withMeeting ? '1' : '0' });
    if (onlyCurrent) q.set('sessions', currentSessionId!);
    return `/api/meetings/${detail.meeting.id}/sheets.pdf?${q}`;
  };
  return (
    <div class="print-panel card" role="group" aria-label={t('print.label')}>
      <h3>{t('print.label')}</h3>
      <p class="print-window" data-print-window>{t('window.print', { window: windowText(detail.meeting, detail.meeting.timezone, lang, t) })}</p>
      <div class="print-options">
        <label class="field">
          <span>{t('print.which')}</span>
          <select value={onlyCurrent ? 'current' : 'all'} onChange={(e) => {
            const next = e.currentTarget.value as 'all' | 'current';
            setWhich(next);
            // The whole-meeting code goes with the whole agenda, not with one session's sheets.
            setWithMeeting(next === 'all');
          }}>
            <option value="all">{t('print.allSessions')}</option>
            {currentSessionId && <option value="current">{t('print.currentSession')}</option>}
          </select>
        </label>
        <label class="field">
          <span>{t('print.variants')}</span>
          <select value={variants} onChange={(e) => setVariants(e.currentTarget.value as Variants)}>
            <option value="primary">{t('print.variants.primary')}</option>
            <option value="labels">{t('print.variants.labels')}</option>
            <option value="all">{t('print.variants.all')}</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={withMeeting} onChange={(e) => setWithMeeting(e.currentTarget.checked)} />
          {t('print.withMeeting')}
        </label>
        <span class="muted print-count" aria-live="polite">{t('print.count', { n: count })}</span>
        <span class="button-row">
          {LAYOUTS.map((layout) => count > 0
            ? <a key={layout} class="btn btn-small" href={query(layout)} target="_blank" rel="noopener" onClick={() => setTimeout(() => onPrinted?.(), 3000)}>{t(`print.${layout}`)}</a>
            : <button key={layout} type="button" class="btn btn-small" disabled>{t(`print.${layout}`)}</button>)}
        </span>
      </div>
    </div>
  );
}
