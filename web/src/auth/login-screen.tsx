import { useState } from 'preact/hooks';
import { api, get } from '../api/client';
import type { Me } from '../api/types';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/language-switch';

interface Props {
  expired: boolean;
  onLoggedIn(me: Me): void;
}

export function LoginScreen({ expired, onLoggedIn }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/auth/login', { email, password });
      onLoggedIn(await get<Me>('/api/me'));
    } catch (failure) {
      setError(errorText(failure, i18n));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">QR</span>
          <div>
            <h1>QRHop</h1>
            <p class="muted">{t('login.subtitle')}</p>
          </div>
        </div>
        {expired && !error && <p class="notice notice-info" role="status">{t('login.expired')}</p>}
        {error && <p id="login-error" class="notice notice-error" role="alert">{error}</p>}
        <label class="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>{busy ? t('login.busy') : t('login.submit')}</button>
        <div class="login-foot"><LanguageSwitch /></div>
      </form>
    </main>
  );
}
