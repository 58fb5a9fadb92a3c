import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { WindowFields, windowIsoOf, windowOutOfOrder, windowValueOf } from '../../../components/window-fields';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

/** The meeting's viewing window, the note after it, and the delegates expected (for the report). */
export function ViewingPanel() {
  const { t } = useI18n();
  const { detail, change } = useMeetingState();
  const { meeting } = detail;
  const tz = meeting.timezone;
  const [window, setWindow] = useState(windowValueOf(meeting, tz));
  const [note, setNote] = useState(meeting.closedNote);
  const [expected, setExpected] = useState(meeting.expectedDelegates === null ? '' : String(meeting.expectedDelegates));
  const [busy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    if (windowOutOfOrder(window, tz)) return;
    setBusy(true);
    await change(() => api('PATCH', `/api/meetings/${meeting.id}`, {
      ...windowIsoOf(window, tz), closedNote: note, expectedDelegates: expected.trim() ? Number(expected) : null,
    }), t('window.saved'));
    setBusy(false);
  };

  return (
    <form class="card viewing-panel" onSubmit={save} aria-labelledby="viewing-heading">
      <h3 id="viewing-heading">{t('window.heading')}</h3>
      <WindowFields value={window} onChange={setWindow} timeZone={tz} />
      <label class="field">
        <span>{t('window.closedNote')}</span>
        <input name="closedNote" maxLength={300} value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder={t('window.closedNotePlaceholder')} />
      </label>
      <label class="field">
        <span>{t('window.expected')}</span>
        <input name="expectedDelegates" type="number" min={1} max={100000} step={1} inputMode="numeric" value={expected} onInput={(e) => setExpected(e.currentTarget.value)} />
        <small class="muted">{t('window.expectedHint')}</small>
      </label>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy || windowOutOfOrder(window, tz)}>{t('window.save')}</button>
      </div>
    </form>
  );
}
