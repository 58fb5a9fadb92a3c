import type { AgendaSession } from '../../../api/types';
import { Modal } from '../../../components/modal';
import { useI18n } from '../../../i18n/i18n';

interface Props {
  files: File[];
  sessions: AgendaSession[];
  /** A session's id, null for "library only"; the choice stays selected for the next files. */
  onChoose(sessionId: string | null): void;
  onCancel(): void;
}

/**
 * Files given to the library while no session is chosen: which session are they for? Asked
 * rather than guessed, so a document is neither left unattached by default (delegates would
 * never see it) nor put on the wrong session.
 */
export function AskSessionDialog({ files, sessions, onChoose, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <Modal title={t('upload.askTitle', { count: files.length })} onClose={onCancel}>
      <p class="muted ask-files">{files.map((f) => f.name).join(', ')}</p>
      <ul class="ask-sessions">
        {sessions.map((s, i) => (
          <li key={s.id}>
            <button type="button" class="btn ask-session" onClick={() => onChoose(s.id)}>{i + 1}. {s.title}</button>
          </li>
        ))}
      </ul>
      <div class="modal-actions">
        <button type="button" class="btn btn-small" onClick={() => onChoose(null)}>{t('upload.noTarget')}</button>
        <button type="button" class="btn btn-small" onClick={onCancel}>{t('action.cancel')}</button>
      </div>
    </Modal>
  );
}
