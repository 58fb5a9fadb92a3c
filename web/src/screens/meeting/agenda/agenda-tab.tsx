import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { AgendaSession } from '../../../api/types';
import { useConfirm } from '../../../components/confirm';
import { SortableList } from '../../../components/sortable-list';
import { useFileDrop } from '../../../components/use-file-drop';
import { formatSessionTime } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../../auth/me-context';
import { useMeetingState } from '../meeting-context';
import { UploadQueue } from '../documents/upload-queue';
import { useUploads } from '../documents/use-uploads';
import { SessionDocuments } from './session-documents';
import { SessionForm, type SessionFields } from './session-form';
import { roomLabel } from '../../../../../shared/room-label';

/** The agenda editor: sessions in order, each with its time, room and documents. */
export function AgendaTab() {
  const { t } = useI18n();
  const { detail, change, reload } = useMeetingState();
  const { limits } = useMe();
  // Files dropped on a session go into that session (the evening before, straight from Explorer).
  const uploads = useUploads(detail.meeting.id, limits.maxUploadBytes, () => void reload());
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const { meeting, sessions } = detail;

  const toggle = (id: string) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const add = (fields: SessionFields) => change(() => api('POST', `/api/meetings/${meeting.id}/sessions`, fields), t('session.added'));
  const update = (id: string) => (fields: SessionFields) => change(() => api('PATCH', `/api/sessions/${id}`, fields), t('session.saved'));
  const move = ({ key, to }: { key: string; to: number }) => change(() => api('PATCH', `/api/sessions/${key}`, { position: to }));

  return (
    <section aria-labelledby="agenda-title">
      <div class="section-head">
        <h2 id="agenda-title">{t('agenda.heading')} <span class="count">{sessions.length}</span></h2>
        {!adding && <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>+ {t('agenda.add')}</button>}
      </div>
      {sessions.length === 0 && !adding && <p class="empty">{t('agenda.empty')}</p>}
      {uploads.items.length > 0 && <UploadQueue items={uploads.items} onCancel={uploads.cancel} onClear={uploads.clearFinished} />}
      {sessions.length > 0 && (
        <>
          <p class="muted hint">{t('agenda.reorderHint')}</p>
          {/* Dropping onto a session is the quickest way to attach files, and invisible until someone is told. */}
          <p class="muted hint drop-hint-agenda">{t('agenda.dropHint')}</p>
          <SortableList items={sessions} keyOf={(s) => s.id} nameOf={(s) => s.title} onMove={move} label={t('agenda.heading')} class="agenda">
            {(s, index, controls) => editing === s.id ? (
              <div class="card session-card editing">
                <SessionForm initial={s} submitLabel={t('action.save')} onSubmit={update(s.id)} onCancel={() => setEditing(null)} />
              </div>
            ) : (
              <SessionCard session={s} index={index} controls={controls} expanded={open.has(s.id)} onToggle={() => toggle(s.id)} onEdit={() => setEditing(s.id)} onFiles={(files) => uploads.add(files, s.id)} />
            )}
          </SortableList>
        </>
      )}
      {adding && (
        <div class="card">
          <h3>{t('agenda.add')}</h3>
          <SessionForm submitLabel={t('agenda.addSubmit')} onSubmit={add} onCancel={() => setAdding(false)} />
        </div>
      )}
    </section>
  );
}

interface CardProps {
  session: AgendaSession;
  index: number;
  controls: ComponentChildren;
  expanded: boolean;
  onToggle(): void;
  onEdit(): void;
  onFiles(files: File[]): void;
}

function SessionCard({ session: s, index, controls, expanded, onToggle, onEdit, onFiles }: CardProps) {
  const drop = useFileDrop(onFiles);
  const { t, lang } = useI18n();
  const confirm = useConfirm();
  const { detail, change } = useMeetingState();
  const when = formatSessionTime(s.startsAt, s.endsAt, detail.meeting.timezone, lang);
  const remove = async () => {
    const ok = await confirm({
      title: t('session.deleteTitle'),
      body: <p>{t('session.deleteText', { title: s.title })}</p>,
      confirmLabel: t('action.delete'),
      danger: true,
    });
    if (ok) await change(() => api('DELETE', `/api/sessions/${s.id}`), t('session.deleted'));
  };
  return (
    <article
      class={`card session-card ${drop.over ? 'is-drop-target' : ''}`}
      aria-label={s.title}
      {...drop.handlers}
    >
      <div class="session-row">
        {controls}
        <span class="session-number" aria-hidden="true">{index + 1}</span>
        <div class="session-text">
          <h3 class="session-title">{s.title}</h3>
          <p class="muted">
            {[when || t('session.noTime'), roomLabel(s.room, t('session.room'))].filter(Boolean).join(' · ')}
            {s.hasPin && <span class="badge badge-pin">PIN</span>}
          </p>
        </div>
        <div class="session-actions">
          <button type="button" class="btn btn-small" aria-expanded={expanded} onClick={onToggle}>
            {t('session.docsButton', { n: s.documentIds.length })}
          </button>
          <button type="button" class="btn btn-small" onClick={onEdit}>{t('action.edit')}</button>
          <button type="button" class="btn btn-small btn-danger-ghost" onClick={remove}>{t('action.delete')}</button>
        </div>
      </div>
      {drop.over && <p class="session-drop-hint" role="status">{t('upload.dropOnSession')}</p>}
      {expanded && <SessionDocuments session={s} />}
    </article>
  );
}
