import type { DocumentItem } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import type { ConsoleKey } from '../../../../../shared/i18n/console';

const REASONS = new Set(['pdf_password', 'pdf_corrupt', 'page_too_large', 'timeout', 'office_timeout', 'office_rejected', 'docx_corrupt', 'docx_zip_bomb',
  'docx_too_large', 'image_unreadable', 'original_missing', 'no_libreoffice', 'no_renderer', 'too_many_attempts']);

/** The phone reader's state of a document's current version, in words (and why not, when it failed). */
export function ReaderBadge({ reader }: { reader: DocumentItem['reader'] }) {
  const { t } = useI18n();
  if (reader.status === 'none') return null;
  const reason = () => (reader.status === 'failed' || reader.status === 'unavailable') && reader.error
    ? (REASONS.has(reader.error) ? t(`reader.reason.${reader.error}` as ConsoleKey) : t('reader.reason.other', { code: reader.error }))
    : '';
  switch (reader.status) {
    case 'missing': return <span class="badge badge-soft">{t('reader.missing')}</span>;
    case 'waiting': return <span class="badge badge-soft" data-reader="waiting">{t('reader.waiting')}</span>;
    case 'working':
      return <span class="badge badge-soft" data-reader="working">{reader.pagesTotal ? t('reader.working', { done: reader.pagesDone, total: reader.pagesTotal }) : t('reader.workingStart')}</span>;
    case 'ready':
      if (reader.format === 'html') return <span class="badge badge-ok" data-reader="ready">{t('reader.readyText')}</span>;
      if (reader.format === 'image') return <span class="badge badge-ok" data-reader="ready">{t('reader.readyImage')}</span>;
      return reader.capped
        ? <span class="badge badge-later" data-reader="ready">{t('reader.readyCapped', { pages: reader.pagesDone, total: reader.sourcePages ?? reader.pagesDone })}</span>
        : <span class="badge badge-ok" data-reader="ready">{t('reader.readyPages', { pages: reader.pagesDone })}</span>;
    default:
      return (
        <span class="badge badge-later" data-reader={reader.status} title={t('reader.originalStill')}>
          {t(reader.status === 'failed' ? 'reader.failed' : 'reader.unavailable', { reason: reason() })}
        </span>
      );
  }
}
