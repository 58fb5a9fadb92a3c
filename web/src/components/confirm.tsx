import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Modal } from './modal';

export interface ConfirmRequest {
  title: string;
  body: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
}

type Ask = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Ask>(async () => false);

/** `await confirm({...})` anywhere below: one modal at a time, answered true or false. */
export function ConfirmProvider({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const [pending, setPending] = useState<(ConfirmRequest & { answer(ok: boolean): void }) | null>(null);
  const ask = useCallback<Ask>((request) => new Promise((resolve) => setPending({ ...request, answer: resolve })), []);
  const finish = (ok: boolean) => {
    pending?.answer(ok);
    setPending(null);
  };
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      {pending && (
        <Modal title={pending.title} onClose={() => finish(false)}>
          <div class="modal-body">{pending.body}</div>
          <div class="modal-actions">
            <button type="button" class="btn" onClick={() => finish(false)} autoFocus>{t('action.cancel')}</button>
            <button type="button" class={pending.danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={() => finish(true)}>{pending.confirmLabel}</button>
          </div>
        </Modal>
      )}
    </ConfirmContext.Provider>
  );
}

export const useConfirm = () => useContext(ConfirmContext);
