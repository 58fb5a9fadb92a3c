import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { Code } from '../../../api/types';
import { WindowFields, windowIsoOf, windowOutOfOrder, windowValueOf } from '../../../components/window-fields';
import { effectiveWindow, windowText } from '../../../format/window-text';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

/** When delegates may open this code (the meeting's window narrowed by the code's own), and setting the code's own. */
export function CodeWindow({ code }: { code: Code }) {
  const { t, lang } = useI18n();
  const { detail, change } = useMeetingState();
  const tz = detail.meeting.timezone;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(windowValueOf(code, tz));
  const save = async (e: Event) => {
    e.preventDefault();
    if (windowOutOfOrder(value, tz)) return;
    if (await change(() => api('PATCH', `/api/codes/${code.id}`, windowIsoOf(value, tz)), t('window.saved'))) setEditing(false);
  };
  return (
    <div class="code-window">
      <p data-window-of={code.id}><strong>{t('window.code')}:</strong> {windowText(effectiveWindow(detail.meeting, code), tz, lang, t)}</p>
      {!editing && <button type="button" class="btn btn-small" onClick={() => setEditing(true)}>{t('window.codeEdit')}</button>}
      {editing && (
        <form onSubmit={save}>
          <WindowFields value={value} onChange={setValue} timeZone={tz} />
          <p class="muted small">{t('window.codeHint')}</p>
          <div class="button-row">
            <button type="button" class="btn btn-small" onClick={() => setEditing(false)}>{t('action.cancel')}</button>
            <button type="submit" class="btn btn-small btn-primary" disabled={windowOutOfOrder(value, tz)}>{t('action.save')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
