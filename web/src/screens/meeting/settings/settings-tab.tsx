import { api } from '../../../api/client';
import { useConfirm } from '../../../components/confirm';
import { useNotify } from '../../../components/notices';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';
import { navigate } from '../../../router/router';
import { MeetingForm, type MeetingFields } from '../../meetings/meeting-form';
import { useMeetingState } from '../meeting-context';
import { BooksPanel } from './books-panel';
import { LabelledCopiesPanel } from './labelled-copies-panel';
import { LogoPanel } from './logo-panel';
import { MembersPanel } from './members-panel';
import { ViewingPanel } from './viewing-panel';

/** The meeting's details, who manages it, and deleting it. */
export function SettingsTab() {
  const i18n = useI18n();
  const { t } = i18n;
  const confirm = useConfirm();
  const notify = useNotify();
  const { detail, change } = useMeetingState();
  const { meeting } = detail;

  const save = async (fields: MeetingFields) => {
    await change(() => api('PATCH', `/api/meetings/${meeting.id}`, fields), t('meeting.saved'));
  };
  const remove = async () => {
    const ok = await confirm({
      title: t('meeting.deleteTitle'),
      body: (
        <>
          <p><strong>{t('meeting.deleteWarning', { title: meeting.title })}</strong></p>
          <p>{t('meeting.deleteText', { sessions: detail.sessions.length, documents: detail.documents.length })}</p>
        </>
      ),
      confirmLabel: t('meeting.deleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api('DELETE', `/api/meetings/${meeting.id}`);
      notify('success', t('meeting.deleted'));
      navigate('/');
    } catch (e) {
      notify('error', errorText(e, i18n));
    }
  };

  return (
    <div class="settings">
      <div class="card">
        <h3>{t('meeting.details')}</h3>
        <MeetingForm key={meeting.updatedAt} initial={meeting} submitLabel={t('action.save')} onSubmit={save} />
      </div>
      <ViewingPanel key={`window-${meeting.updatedAt}`} />
      <div class="settings-side">
        <MembersPanel meetingId={meeting.id} />
        <LogoPanel />
        <BooksPanel />
        <LabelledCopiesPanel />
      </div>
      <div class="card danger-zone">
        <h3>{t('meeting.dangerZone')}</h3>
        <p class="muted">{t('meeting.deleteHint')}</p>
        <button type="button" class="btn btn-danger" onClick={remove}>{t('meeting.delete')}</button>
      </div>
    </div>
  );
}
