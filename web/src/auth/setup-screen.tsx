import { useState } from 'preact/hooks';
import { api, get } from '../api/client';
import type { Me, SetupStateView } from '../api/types';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/language-switch';

export type SetupState = SetupStateView;

/** A fresh install: the first administrator, created here instead of on a command line. */
export function SetupScreen({ setup, onDone }: { setup: SetupState; onDone(me: Me): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [fields, setFields] = useState({ name: '', email: '', password: '', setupCode: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<typeof fields>) => setFields((f) => ({ ...f, ...change }));
  const blocked = !setup.local && !setup.codeAvailable;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { setupCode, ...rest } = fields;
      await api('POST', '/api/setup', setup.local ? rest : { ...rest, setupCode });
      onDone(await get<Me>('/api/me'));
    } catch (failure) {
      setError(errorText(failure, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card setup-card" onSubmit={submit} aria-describedby={error ? 'setup-error' : undefined}>
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">QR</span>
          <div>
            <h1>{t('setup.title')}</h1>
            <p class="muted">{t('setup.intro')}</p>
          </div>
        </div>
        <p class="notice notice-info">{t(setup.local ? 'setup.local' : blocked ? 'setup.noCode' : 'setup.remote')}</p>
        {error && <p id="setup-error" class="notice notice-error" role="alert">{error}</p>}
        {!blocked && (
          <>
            {!setup.local && (
              <label class="field">
                <span>{t('setup.code')}</span>
                <input name="setupCode" required autoComplete="off" autoCapitalize="characters" spellcheck={false} placeholder="XXXX-XXXX-XXXX" value={fields.setupCode} onInput={(e) => set({ setupCode: e.currentTarget.value })} autoFocus />
              </label>
            )}
            <label class="field">
              <span>{t('setup.name')}</span>
              <input name="name" required maxLength={120} autoComplete="name" value={fields.name} onInput={(e) => set({ name: e.currentTarget.value })} autoFocus={setup.local} />
            </label>
            <label class="field">
              <span>{t('setup.email')}</span>
              <input type="email" name="email" required autoComplete="username" value={fields.email} onInput={(e) => set({ email: e.currentTarget.value })} />
            </label>
            <label class="field">
              <span>{t('setup.password')}</span>
              <input type="password" name="password" required minLength={10} autoComplete="new-password" value={fields.password} onInput={(e) => set({ password: e.currentTarget.value })} />
            </label>
            <button type="submit" class="btn btn-primary btn-block" disabled={busy}>{t('setup.submit')}</button>
          </>
        )}
        <div class="login-foot"><LanguageSwitch /></div>
      </form>
    </main>
  );
}
