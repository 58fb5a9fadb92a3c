import { useRef, useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { DocumentItem } from '../../../api/types';
import { uploadFile } from '../../../api/upload';
import { useMe } from '../../../auth/me-context';
import { useConfirm } from '../../../components/confirm';
import { useNotify } from '../../../components/notices';
import { fileKind, formatBytes, formatDateTime } from '../../../format/display';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';
import { ACCEPT } from './drop-zone';
import { ReaderBadge } from './reader-badge';
import { SignatureCell } from './signature-cell';
import { SignatureChangeBody, signatureChangeOf } from './signature-change';
import { signatureConsoleWords } from '../../../../../shared/i18n/signature-words';

export function DocumentTable({ documents, onEdit }: { documents: DocumentItem[]; onEdit(id: string): void }) {
  const { t, lang } = useI18n();
  return (
    <table class="doc-table">
      <thead>
        <tr>
          <th scope="col">{t('docs.col.document')}</th>
          <th scope="col">{t('docs.col.sessions')}</th>
          <th scope="col">{t('docs.col.state')}</th>
          <th scope="col">{signatureConsoleWords[lang].column}</th>
          <th scope="col"><span class="sr-only">{t('docs.col.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => <DocumentRow key={d.id} doc={d} onEdit={() => onEdit(d.id)} />)}
      </tbody>
    </table>
  );
}

function DocumentRow({ doc, onEdit }: { doc: DocumentItem; onEdit(): void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { limits } = useMe();
  const notify = useNotify();
  const confirm = useConfirm();
  const { detail, change, reload } = useMeetingState();
  const fileInput = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<number | null>(null);
  const sessions = detail.sessions.filter((s) => doc.sessionIds.includes(s.id));
  const released = !doc.releaseAt || Date.parse(doc.releaseAt) <= Date.now();

  const replace = async (file: File, confirmed = false) => {
    if (file.size > limits.maxUploadBytes) {
      notify('error', t('upload.tooLargeNamed', { name: file.name, mb: Math.round(limits.maxUploadBytes / 1048576) }));
      return;
    }
    setReplacing(0);
    const url = `/api/documents/${doc.id}/file${confirmed ? '?confirm=1' : ''}`;
    const handle = uploadFile<{ document: DocumentItem }>('PUT', url, file, {}, ({ loaded }) => setReplacing(Math.round((loaded / (file.size || 1)) * 100)));
    try {
      const { document } = await handle.done;
      notify('success', t('doc.replaced', { title: document.title, version: document.version }));
    } catch (e) {
      // A signed document replaced by an unsigned or differently signed file: show both, ask, send again.
      const signatureChange = signatureChangeOf(e);
      if (signatureChange && !confirmed) {
        setReplacing(null);
        const w = signatureConsoleWords[lang];
        const ok = await confirm({ title: w.changeTitle, body: <SignatureChangeBody change={signatureChange} lang={lang} timezone={detail.meeting.timezone} />, confirmLabel: w.confirm, danger: true });
        if (ok) return replace(file, true);
      } else notify('error', errorText(e, i18n, limits));
    } finally {
      setReplacing(null);
      await reload();
    }
  };

  const remove = async () => {
    const ok = await confirm({ title: t('doc.deleteTitle'), body: <p>{t('doc.deleteText', { title: doc.title })}</p>, confirmLabel: t('action.delete'), danger: true });
    if (ok) await change(() => api('DELETE', `/api/documents/${doc.id}`), t('doc.deleted'));
  };

  return (
    <tr aria-label={doc.title}>
      <td class="doc-main">
        <span class="doc-title">{doc.title}</span>
        <span class="muted doc-file">{doc.filename} · {fileKind(doc.contentType)} · {formatBytes(doc.size, lang)}</span>
      </td>
      <td>
        {sessions.length ? (
          <ul class="chips">{sessions.map((s) => <li key={s.id} class="chip">{s.title}</li>)}</ul>
        ) : <span class="muted">{t('doc.unattached')}</span>}
      </td>
      <td class="doc-state">
        {doc.version > 1 && <span class="badge badge-version">{t('doc.version', { version: doc.version })}</span>}
        {doc.confidential && <span class="badge badge-secret" title={t('doc.confidentialWhy')}>{t('doc.confidential')}</span>}
        {doc.releaseAt && (
          <span class={`badge ${released ? 'badge-soft' : 'badge-later'}`}>
            {t(released ? 'doc.releasedAt' : 'doc.releaseAtShort', { time: formatDateTime(doc.releaseAt, detail.meeting.timezone, lang) })}
          </span>
        )}
        <ReaderBadge reader={doc.reader} />
        {replacing !== null && <progress max={100} value={replacing} aria-label={t('upload.progressOf', { name: doc.title })} />}
      </td>
      <td class="doc-signature"><SignatureCell doc={doc} timezone={detail.meeting.timezone} /></td>
      <td class="doc-actions">
        {doc.reader.status !== 'none' && (
          <a class="btn btn-small" href={`/api/documents/${doc.id}/preview`} target="_blank" rel="noopener" aria-label={t('reader.previewOf', { title: doc.title })}>{t('reader.preview')}</a>
        )}
        <button type="button" class="btn btn-small" onClick={onEdit}>{t('action.edit')}</button>
        <button type="button" class="btn btn-small" disabled={replacing !== null} onClick={() => fileInput.current?.click()}>{t('doc.replace')}</button>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          class="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="replace-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void replace(file);
          }}
        />
        <button type="button" class="btn btn-small btn-danger-ghost" onClick={remove}>{t('action.delete')}</button>
      </td>
    </tr>
  );
}
