import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { AgendaSession, DocumentItem } from '../../../api/types';
import { SortableList } from '../../../components/sortable-list';
import { fileKind, formatBytes } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

/** The documents of one session, in the order delegates see them: attach, detach, reorder. */
export function SessionDocuments({ session }: { session: AgendaSession }) {
  const { t, lang } = useI18n();
  const { detail, change } = useMeetingState();
  const [choice, setChoice] = useState('');
  const byId = new Map(detail.documents.map((d) => [d.id, d]));
  const attached = session.documentIds.map((id) => byId.get(id)).filter((d): d is DocumentItem => !!d);
  const available = detail.documents.filter((d) => !session.documentIds.includes(d.id));
  const published = detail.meeting.status === 'published';

  const save = (documentIds: string[], success: string) =>
    change(() => api('PUT', `/api/sessions/${session.id}/documents`, { documentIds }), success);

  const attach = async (e: Event) => {
    e.preventDefault();
    if (!choice) return;
    const ok = await save([...session.documentIds, choice], t('session.docAttached'));
    if (ok) setChoice('');
  };
  const move = ({ order }: { order: string[] }) => save(order, t('session.docMoved'));

  return (
    <div class="session-docs">
      {attached.length === 0 ? (
        <p class="muted">{t('session.noDocs')}</p>
      ) : (
        <SortableList items={attached} keyOf={(d) => d.id} nameOf={(d) => d.title} onMove={move} label={t('session.docsOf', { title: session.title })} class="doc-order">
          {(doc, _i, controls) => (
            <div class="doc-order-row">
              {controls}
              <span class="doc-order-title">
                {doc.title}
                {doc.confidential && <span class="badge badge-secret">{t('doc.confidential')}</span>}
              </span>
              <span class="muted nowrap">{fileKind(doc.contentType)} · {formatBytes(doc.size, lang)}</span>
              <button type="button" class="btn btn-small" onClick={() => save(session.documentIds.filter((id) => id !== doc.id), t('session.docDetached'))}>
                {t('session.detach')}
              </button>
            </div>
          )}
        </SortableList>
      )}
      {available.length > 0 && (
        <form class="attach-form" onSubmit={attach}>
          <label class="sr-only" for={`attach-${session.id}`}>{t('session.attachLabel')}</label>
          <select id={`attach-${session.id}`} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">{t('session.attachPick')}</option>
            {available.map((d) => (
              <option key={d.id} value={d.id}>{d.title}{d.confidential ? ` (${t('doc.confidential')})` : ''}</option>
            ))}
          </select>
          <button type="submit" class="btn btn-small" disabled={!choice}>{t('session.attach')}</button>
          {published && available.some((d) => d.confidential) && <small class="muted">{t('doc.confidentialWhy')}</small>}
        </form>
      )}
      {detail.documents.length === 0 && <p class="muted">{t('session.libraryEmpty')}</p>}
    </div>
  );
}
