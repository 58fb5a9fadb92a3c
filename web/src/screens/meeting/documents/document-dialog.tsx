import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { DocumentItem } from '../../../api/types';
import { Modal } from '../../../components/modal';
import { useNotify } from '../../../components/notices';
import { isoToZoned, zonedToIso } from '../../../format/zoned-time';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';
import { DayField, TimeField } from '../../../components/date-fields';

/** Rename, confidential flag, release time and the sessions a document is on. */
export function DocumentDialog({ document: doc, onClose }: { document: DocumentItem; onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const { detail, reload } = useMeetingState();
  const tz = detail.meeting.timezone;
  const release = doc.releaseAt ? isoToZoned(doc.releaseAt, tz) : null;
  const [title, setTitle] = useState(doc.title);
  const [confidential, setConfidential] = useState(doc.confidential);
  const [delayed, setDelayed] = useState(!!release);
  const [releaseDay, setReleaseDay] = useState(release?.day ?? detail.meeting.startsOn ?? '');
  const [releaseTime, setReleaseTime] = useState(release?.time ?? '');
  const [sessionIds, setSessionIds] = useState<string[]>(doc.sessionIds);
  const [changeNote, setChangeNote] = useState(doc.changeNote);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const published = detail.meeting.status === 'published';
  const onPublished = published && sessionIds.length > 0;

  const toggleSession = (id: string, on: boolean) => setSessionIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const removed = doc.sessionIds.filter((id) => !sessionIds.includes(id));
      const added = sessionIds.filter((id) => !doc.sessionIds.includes(id));
      const listOf = (id: string) => detail.sessions.find((s) => s.id === id)!.documentIds;
      // Detach first and attach last: a document becoming confidential leaves its sessions
      // before the flag is set, and one ceasing to be confidential is cleared before it joins one.
      for (const id of removed) await api('PUT', `/api/sessions/${id}/documents`, { documentIds: listOf(id).filter((x) => x !== doc.id) });
      await api('PATCH', `/api/documents/${doc.id}`, {
        title,
        confidential,
        releaseAt: delayed && releaseDay && releaseTime ? zonedToIso(releaseDay, releaseTime, tz) : null,
        ...(doc.version > 1 && { changeNote }),
      });
      for (const id of added) await api('PUT', `/api/sessions/${id}/documents`, { documentIds: [...listOf(id), doc.id] });
      notify('success', t('doc.saved'));
      await reload();
      onClose();
    } catch (failure) {
      setError(errorText(failure, i18n));
      await reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('doc.editTitle')} onClose={onClose} wide>
      <form class="form-grid" onSubmit={save}>
        {error && <p class="notice notice-error span-2" role="alert">{error}</p>}
        <label class="field span-2">
          <span>{t('doc.title')}</span>
          <input name="title" required maxLength={300} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          <small class="muted">{t('doc.fileIs', { filename: doc.filename, version: doc.version })}</small>
        </label>
        {doc.version > 1 && (
          <label class="field span-2">
            <span>{t('doc.changeNote')}</span>
            <input name="changeNote" maxLength={200} value={changeNote} onInput={(e) => setChangeNote(e.currentTarget.value)} placeholder={t('doc.changeNotePlaceholder')} />
          </label>
        )}
        <fieldset class="field span-2">
          <legend>{t('doc.confidentialLegend')}</legend>
          <label class="check">
            <input type="checkbox" name="confidential" checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
            {t('doc.confidentialCheck')}
          </label>
          <small class={confidential && onPublished ? 'field-warning' : 'muted'}>
            {confidential && onPublished ? t('doc.confidentialBlocked') : t('doc.confidentialWhy')}
          </small>
        </fieldset>
        <fieldset class="field span-2">
          <legend>{t('doc.release')}</legend>
          <label class="check">
            <input type="checkbox" checked={delayed} onChange={(e) => setDelayed(e.currentTarget.checked)} />
            {t('doc.releaseLater')}
          </label>
          {delayed && (
            <div class="inline-fields">
              <DayField aria-label={t('session.day')} required value={releaseDay} onValue={setReleaseDay} />
              <TimeField aria-label={t('session.from')} required value={releaseTime} onValue={setReleaseTime} />
              <small class="muted">{t('session.tzNote', { tz })}</small>
            </div>
          )}
        </fieldset>
        <fieldset class="field span-2">
          <legend>{t('doc.sessions')}</legend>
          {detail.sessions.length === 0 && <small class="muted">{t('agenda.empty')}</small>}
          <div class="check-grid">
            {detail.sessions.map((s, i) => (
              <label key={s.id} class="check">
                <input type="checkbox" checked={sessionIds.includes(s.id)} onChange={(e) => toggleSession(s.id, e.currentTarget.checked)} />
                {i + 1}. {s.title}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="form-actions span-2">
          <button type="button" class="btn" onClick={onClose}>{t('action.cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={busy}>{t('action.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
