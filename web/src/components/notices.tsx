import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

type Kind = 'success' | 'error' | 'info';
interface Notice {
  id: number;
  kind: Kind;
  text: string;
}
type Notify = (kind: Kind, text: string) => void;

const NoticeContext = createContext<Notify>(() => {});

/** Short confirmations and errors, announced to screen readers; errors stay until closed. */
export function NoticeProvider({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  const notify = useCallback<Notify>((kind, text) => {
    const id = next.current++;
    setNotices((list) => [...list.filter((n) => n.text !== text).slice(-3), { id, kind, text }]);
    if (kind !== 'error') setTimeout(() => dismiss(id), 4000);
  }, []);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div class="toasts" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} class={`toast toast-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span>{n.text}</span>
            <button type="button" class="toast-close" aria-label={t('action.close')} onClick={() => dismiss(n.id)}>×</button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export const useNotify = () => useContext(NoticeContext);
