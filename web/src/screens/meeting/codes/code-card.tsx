import type { Code } from '../../../api/types';
import { CopyField } from '../../../components/copy-field';
import { useI18n } from '../../../i18n/i18n';
import { CodeWindow } from './code-window';
import { useCodeActions } from './use-code-actions';

/** The scope's main code: the QR as it will print, its URL, downloads, rotate and revoke. */
export function CodeCard({ code, scopeName }: { code: Code; scopeName: string }) {
  const { t } = useI18n();
  const actions = useCodeActions();
  return (
    <div class="code-card">
      <img class="qr" src={`/api/codes/${code.id}/qr.svg`} width={240} height={240} alt={t('code.qrAlt', { name: scopeName })} data-code-id={code.id} />
      <div class="code-info">
        <CopyField value={code.url} label={t('code.url')} />
        <div class="button-row">
          <a class="btn btn-small" href={`/api/codes/${code.id}/qr.svg`} download={`qr-${code.token.slice(0, 8)}.svg`}>{t('code.downloadSvg')}</a>
          <a class="btn btn-small" href={`/api/codes/${code.id}/qr.png?size=1200`} download={`qr-${code.token.slice(0, 8)}.png`}>{t('code.downloadPng')}</a>
        </div>
        <p class="muted">{t('code.dynamic')}</p>
        <CodeWindow code={code} />
        <div class="button-row">
          <button type="button" class="btn btn-small btn-warn" onClick={() => actions.rotate(code)}>{t('code.rotate')}</button>
          <button type="button" class="btn btn-small btn-danger-ghost" onClick={() => actions.revoke(code)}>{t('code.revoke')}</button>
        </div>
      </div>
    </div>
  );
}
