import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/**
 * A component whose code is fetched on first use (its own chunk), so the first
 * screen only carries the login, the shell and the meeting list.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      pending ??= load();
      pending.then((c) => {
        loaded = c;
        setReady((n) => n + 1);
      }, () => {
        pending = null;
        setFailed(true);
      });
    }, []);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    if (failed) {
      return (
        <p class="notice notice-error" role="alert">
          {t('error.chunk')} <button type="button" class="btn-link" onClick={() => location.reload()}>{t('action.reload')}</button>
        </p>
      );
    }
    return <p class="loading" aria-busy="true">{t('state.loading')}</p>;
  };
}
