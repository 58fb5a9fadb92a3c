import { api } from '../../../api/client';
import type { Code } from '../../../api/types';
import { useConfirm } from '../../../components/confirm';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

/** Rotate and revoke, each behind a warning: both stop printed sheets from working. */
export function useCodeActions() {
  const { t } = useI18n();
  const confirm = useConfirm();
  const { change } = useMeetingState();
  const name = (code: Code) => code.label ?? t('code.main');
  return {
    async rotate(code: Code) {
      const ok = await confirm({
        title: t('code.rotateTitle'),
        body: <><p><strong>{t('code.rotateWarning')}</strong></p><p>{t('code.rotateText', { name: name(code) })}</p></>,
        confirmLabel: t('code.rotateConfirm'),
        danger: true,
      });
      if (ok) await change(() => api('POST', `/api/codes/${code.id}/rotate`), t('code.rotated'));
    },
    async revoke(code: Code) {
      const ok = await confirm({
        title: t('code.revokeTitle'),
        body: <><p><strong>{t('code.revokeWarning')}</strong></p>{!code.label && <p>{t('code.revokeMain')}</p>}</>,
        confirmLabel: t('code.revokeConfirm'),
        danger: true,
      });
      if (ok) await change(() => api('DELETE', `/api/codes/${code.id}`), t('code.revoked'));
    },
  };
}
