import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useMe } from '../../auth/me-context';
import { useNotify } from '../../components/notices';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';

/** The organizer's own account: who they are, and changing their password. */
export function AccountScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const { user } = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('account.heading')} · QRHop`;
  }, []);
  const mismatch = again.length > 0 && again !== next;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (mismatch) return;
    setError(null);
    try {
      await api('POST', '/api/users/me/password', { currentPassword: current, newPassword: next });
      notify('success', t('account.changed'));
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (failure) {
      setError(errorText(failure, i18n));
    }
  };

  return (
    <section class="screen narrow-screen">
      <div class="screen-head"><h1>{t('account.heading')}</h1></div>
      <div class="card">
        <p><strong>{user.name}</strong> · <span class="mono">{user.email}</span> · {t(`users.role.${user.role}`)}</p>
      </div>
      <form class="card" onSubmit={submit}>
        <h2>{t('account.password')}</h2>
        {error && <p class="notice notice-error" role="alert">{error}</p>}
        <label class="field">
          <span>{t('account.current')}</span>
          <input type="password" required autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('users.newPassword')}</span>
          <input type="password" required minLength={10} autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
          <small class="muted">{t('users.passwordRule')}</small>
        </label>
        <label class="field">
          <span>{t('account.again')}</span>
          <input type="password" required autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} aria-invalid={mismatch} />
          {mismatch && <small class="field-error">{t('account.mismatch')}</small>}
        </label>
        <div class="form-actions"><button type="submit" class="btn btn-primary">{t('account.change')}</button></div>
      </form>
    </section>
  );
}
