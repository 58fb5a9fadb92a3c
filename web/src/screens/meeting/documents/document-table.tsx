import { useRef, useState } from 'preact/hooks';
import { ApiFailure, api } from '../../../api/client';
import type { DocumentItem } from '../../../api/types';
import { uploadFile } from '../../../api/upload';
import { replacementTarget, uploadInParts } from '../../../api/upload-in-parts';
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
import { UPLOAD_PART_BYTES } from '../../../../../shared/upload-parts';

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
  // In parts: the part sent again after a network failure, and an upload picked up after a reload.
  const [retrying, setRetrying] = useState<{ part: number; count: number } | null>(null);
  const [resumed, setResumed] = useState<{ done: number; count: number } | null>(null);
  const sessions = detail.sessions.filter((s) => doc.sessionIds.includes(s.id));
  const released = !doc.releaseAt || Date.parse(doc.releaseAt) <= Date.now();
  // What a delegate sees of it now, in one phrase: the column is never blank.
  const state = sessions.length === 0 ? 'unattached' : detail.meeting.status !== 'published' ? 'draft' : !released ? 'later' : 'visible';

  // A signed document replaced by an unsigned or differently signed file: show both and ask.
  const askSignatureChange = async (failure: unknown) => {
    const signatureChange = signatureChangeOf(failure);
    if (!signatureChange) return false;
    const w = signatureConsoleWords[lang];
    return confirm({ title: w.changeTitle, body: <SignatureChangeBody change={signatureChange} lang={lang} timezone={detail.meeting.timezone} />, confirmLabel: w.confirm, danger: true });
  };

  const replace = async (file: File, confirmed = false) => {
    if (file.size > limits.maxUploadBytes) {
      notify('error', t('upload.tooLargeNamed', { name: file.name, mb: Math.round(limits.maxUploadBytes / 1048576) }));
      return;
    }
    setReplacing(0);
    const percent = ({ loaded }: { loaded: number }) => setReplacing(Math.round((loaded / (file.size || 1)) * 100));
    // Larger than one part: in parts, as a new document would go, so a dropped connection costs a part, not the file.
    const inParts = file.size > UPLOAD_PART_BYTES;
    const handle = inParts
      ? uploadInParts(file, replacementTarget(doc.id, async (failure) => {
        setRetrying(null);
        const ok = await askSignatureChange(failure);
        if (ok) setReplacing(100);
        return ok;
      }), { onProgress: percent, onRetry: setRetrying, onResume: setResumed })
      : uploadFile<{ document: DocumentItem }>('PUT', `/api/documents/${doc.id}/file${confirmed ? '?confirm=1' : ''}`, file, {}, percent);
    try {
      const { document } = await handle.done;
      notify('success', t('doc.replaced', { title: document.title, version: document.version }));
    } catch (e) {
      const cancelled = e instanceof ApiFailure && e.code === 'aborted';
      // In parts the question was asked already (a no ends here); in one request the file goes again once confirmed.
      if (!inParts && signatureChangeOf(e) && !confirmed) {
        setReplacing(null);
        if (await askSignatureChange(e)) return replace(file, true);
      } else if (!cancelled) notify('error', errorText(e, i18n, limits));
    } finally {
      setReplacing(null);
      setRetrying(null);
      setResumed(null);
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
        <span class={`doc-state-text ${state === 'visible' ? 'state-ok' : 'muted'}`}>
          {t(`doc.state.${state}`)}
        </span>
        {doc.version > 1 && <span class="badge badge-version">{t('doc.version', { version: doc.version })}</span>}
        {doc.confidential && <span class="badge badge-secret" title={t('doc.confidentialWhy')}>{t('doc.confidential')}</span>}
        {doc.releaseAt && (
          <span class={`badge ${released ? 'badge-soft' : 'badge-later'}`}>
            {t(released ? 'doc.releasedAt' : 'doc.releaseAtShort', { time: formatDateTime(doc.releaseAt, detail.meeting.timezone, lang) })}
          </span>
        )}
        <ReaderBadge reader={doc.reader} />
        {replacing !== null && <progress max={100} value={replacing} aria-label={t('upload.progressOf', { name: doc.title })} />}
        {replacing !== null && resumed && !retrying && <p class="muted upload-state">{t('upload.resumed', resumed)}</p>}
        {replacing !== null && retrying && <p class="upload-state upload-retrying" role="status">{t('upload.retrying', retrying)}</p>}
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
