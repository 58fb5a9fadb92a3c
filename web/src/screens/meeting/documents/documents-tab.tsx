import { useEffect, useState } from 'preact/hooks';
import { useMe } from '../../../auth/me-context';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';
import { ReaderPanel } from '../../../reader/reader-panel';
import { AskSessionDialog } from './ask-session-dialog';
import { DocumentDialog } from './document-dialog';
import { DocumentTable } from './document-table';
import { DropZone } from './drop-zone';
import { UploadQueue } from './upload-queue';
import { useUploads } from './use-uploads';

const LIBRARY = 'library';

/** The meeting's document library: uploads, then each document's sessions, flags and versions. */
export function DocumentsTab() {
  const { t } = useI18n();
  const { limits } = useMe();
  const { detail, reload } = useMeetingState();
  // '' = ask when files come; LIBRARY = attach to no session. A one-session meeting needs no question.
  const [target, setTarget] = useState(detail.sessions.length === 1 ? detail.sessions[0]!.id : '');
  const [asking, setAsking] = useState<File[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const uploads = useUploads(detail.meeting.id, limits.maxUploadBytes, () => void reload());
  const chosen = target === LIBRARY ? null : detail.sessions.some((s) => s.id === target) ? target : '';
  const give = (files: File[]) => {
    if (chosen === '' && detail.sessions.length > 0) setAsking(files);
    else uploads.add(files, chosen || null);
  };
  const answer = (sessionId: string | null) => {
    uploads.add(asking ?? [], sessionId);
    setTarget(sessionId ?? LIBRARY);
    setAsking(null);
  };
  const needle = filter.trim().toLocaleLowerCase('vi');
  const shown = needle ? detail.documents.filter((d) => `${d.title} ${d.filename}`.toLocaleLowerCase('vi').includes(needle)) : detail.documents;
  const editingDoc = detail.documents.find((d) => d.id === editing);
  // While a reader is being made or a signature checked, the list is looked at again every 3 s.
  const working = detail.documents.some((d) => d.reader.status === 'waiting' || d.reader.status === 'working' || d.signature?.status === 'pending');
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [working, reload]);

  return (
    <section aria-labelledby="docs-title">
      <div class="section-head">
        <h2 id="docs-title">{t('docs.heading')} <span class="count">{detail.documents.length}</span></h2>
      </div>
      <div class="upload-area">
        <div class="upload-side">
          {detail.sessions.length > 0 && (
            <label class="field">
              <span>{t('upload.target')}</span>
              <select value={chosen ?? LIBRARY} onChange={(e) => setTarget(e.currentTarget.value)}>
                <option value="">{t('upload.askTarget')}</option>
                {detail.sessions.map((s, i) => <option key={s.id} value={s.id}>{i + 1}. {s.title}</option>)}
                <option value={LIBRARY}>{t('upload.noTarget')}</option>
              </select>
            </label>
          )}
          <DropZone maxBytes={limits.maxUploadBytes} onFiles={give} />
        </div>
        <UploadQueue items={uploads.items} onCancel={uploads.cancel} onClear={uploads.clearFinished} />
      </div>
      <ReaderPanel meetingId={detail.meeting.id} version={detail.documents} />
      {detail.documents.length > 5 && (
        <label class="field filter">
          <span class="sr-only">{t('docs.filter')}</span>
          <input type="search" placeholder={t('docs.filter')} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      )}
      {detail.documents.length === 0 ? <p class="empty">{t('docs.empty')}</p> : <DocumentTable documents={shown} onEdit={setEditing} />}
      {asking && <AskSessionDialog files={asking} sessions={detail.sessions} onChoose={answer} onCancel={() => setAsking(null)} />}
      {editingDoc && <DocumentDialog document={editingDoc} onClose={() => setEditing(null)} />}
    </section>
  );
}
