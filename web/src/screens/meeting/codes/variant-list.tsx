import { useState } from 'preact/hooks';
import type { Code } from '../../../api/types';
import { CopyField } from '../../../components/copy-field';
import { Modal } from '../../../components/modal';
import { useI18n } from '../../../i18n/i18n';
import { useCodeActions } from './use-code-actions';

/** Labelled variants of a scope's code, sorted naturally ("Bàn 2" before "Bàn 10"). */
export function VariantList({ codes }: { codes: Code[] }) {
  const { t } = useI18n();
  const actions = useCodeActions();
  const [shown, setShown] = useState<Code | null>(null);
  const sorted = [...codes].sort((a, b) => (a.label ?? '').localeCompare(b.label ?? '', 'vi', { numeric: true }));
  if (!sorted.length) return <p class="muted">{t('variants.none')}</p>;
  return (
    <>
      <table class="variant-table">
        <thead>
          <tr>
            <th scope="col">{t('variants.label')}</th>
            <th scope="col">QR</th>
            <th scope="col">{t('code.url')}</th>
            <th scope="col"><span class="sr-only">{t('docs.col.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((code) => (
            <tr key={code.id} aria-label={code.label ?? ''}>
              <th scope="row">{code.label}</th>
              <td>
                <button type="button" class="qr-thumb" onClick={() => setShown(code)} aria-label={t('variants.show', { label: code.label ?? '' })}>
                  <img src={`/api/codes/${code.id}/qr.svg`} width={48} height={48} alt="" loading="lazy" />
                </button>
              </td>
              <td class="variant-url"><CopyField value={code.url} label={t('variants.urlOf', { label: code.label ?? '' })} /></td>
              <td class="variant-actions">
                <a class="btn btn-small" href={`/api/codes/${code.id}/qr.svg`} download={`qr-${code.label}.svg`}>SVG</a>
                <a class="btn btn-small" href={`/api/codes/${code.id}/qr.png?size=1200`} download={`qr-${code.label}.png`}>PNG</a>
                <button type="button" class="btn btn-small btn-warn" onClick={() => actions.rotate(code)}>{t('code.rotate')}</button>
                <button type="button" class="btn btn-small btn-danger-ghost" onClick={() => actions.revoke(code)}>{t('code.revoke')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && (
        <Modal title={shown.label ?? ''} onClose={() => setShown(null)}>
          <img class="qr qr-large" src={`/api/codes/${shown.id}/qr.svg`} width={320} height={320} alt={t('code.qrAlt', { name: shown.label ?? '' })} />
          <p class="mono small">{shown.url}</p>
          <div class="modal-actions"><button type="button" class="btn" onClick={() => setShown(null)} autoFocus>{t('action.close')}</button></div>
        </Modal>
      )}
    </>
  );
}
