import { api } from '../../api/client';
import type { MeetingStatus } from '../../api/types';
import { useConfirm } from '../../components/confirm';
import { StatusBadge } from '../../components/status-badge';
import { formatDayRange } from '../../format/display';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router/link';
import { useMeetingState } from './meeting-context';

/** Title, dates and the status actions: publish, back to draft, archive, reopen. */
export function MeetingHeader() {
  const { t, lang } = useI18n();
  const confirm = useConfirm();
  const { detail, change } = useMeetingState();
  const { meeting } = detail;

  const setStatus = (status: MeetingStatus, success: string) =>
    change(() => api('PATCH', `/api/meetings/${meeting.id}`, { status }), success);

  const unpublish = async () => {
    if (await confirm({ title: t('status.unpublishTitle'), body: <p>{t('status.unpublishText')}</p>, confirmLabel: t('status.unpublish') })) {
      await setStatus('draft', t('status.unpublished'));
    }
  };
  const archive = async () => {
    if (await confirm({ title: t('status.archiveTitle'), body: <p>{t('status.archiveText')}</p>, confirmLabel: t('status.archive') })) {
      await setStatus('archived', t('status.archived.done'));
    }
  };

  const meta = [formatDayRange(meeting.startsOn, meeting.endsOn, lang), meeting.venue].filter(Boolean).join(' · ');
  return (
    <div class="meeting-head">
      <div class="meeting-head-text">
        <Link to="/" class="crumb">← {t('nav.meetings')}</Link>
        <h1>{meeting.title} <StatusBadge status={meeting.status} /></h1>
        {meta && <p class="muted">{meta}</p>}
      </div>
      <div class="meeting-head-actions">
        {meeting.status === 'draft' && (
          <button type="button" class="btn btn-primary" onClick={() => setStatus('published', t('status.publishedDone'))}>{t('status.publish')}</button>
        )}
        {meeting.status === 'published' && (
          <>
            <button type="button" class="btn" onClick={unpublish}>{t('status.unpublish')}</button>
            <button type="button" class="btn" onClick={archive}>{t('status.archive')}</button>
          </>
        )}
        {meeting.status === 'archived' && (
          <button type="button" class="btn" onClick={() => setStatus('draft', t('status.reopened'))}>{t('status.reopen')}</button>
        )}
      </div>
    </div>
  );
}
