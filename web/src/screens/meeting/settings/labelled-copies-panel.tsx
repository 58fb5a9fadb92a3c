import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../../api/client';
import type { LabelledCopies } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

/**
 * Labelled copies (off by default): PDFs delegates download carry their code's label. Says
 * what a stamp does and does not do, and lists the PDFs left unstamped and why.
 */
export function LabelledCopiesPanel() {
  const { t } = useI18n();
  const { detail, change } = useMeetingState();
  const { meeting } = detail;
  const [state, setState] = useState<LabelledCopies | null>(null);
  useEffect(() => {
    void get<LabelledCopies>(`/api/meetings/${meeting.id}/labelled-copies`).then(setState, () => setState(null));
  }, [meeting.id, meeting.updatedAt, detail.documents.length]);

  const toggle = (on: boolean) => change(() => api('PATCH', `/api/meetings/${meeting.id}`, { labelledCopies: on }), on ? t('stamp.turnedOn') : t('stamp.turnedOff'));

  return (
    <div class="card" data-testid="labelled-copies">
      <h3>{t('stamp.heading')}</h3>
      <label class="check">
        <input type="checkbox" checked={meeting.labelledCopies} onChange={(e) => void toggle(e.currentTarget.checked)} />
        {t('stamp.toggle')}
      </label>
      <p class="muted">{t('stamp.explain')}</p>
      <p class="muted"><strong>{t('stamp.limits')}</strong></p>
      {state && state.unstamped.length > 0 && (
        <>
          <p>{t('stamp.unstampedHeading', { n: state.unstamped.length })}</p>
          <ul class="plain-list">
            {state.unstamped.map((d) => <li key={d.documentId}>{d.title} — <span class="muted">{t(`stamp.reason.${d.reason}`)}</span></li>)}
          </ul>
        </>
      )}
    </div>
  );
}
