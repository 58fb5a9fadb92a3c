import { api } from '../api/client';
import { useMe } from '../auth/me-context';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/link';
import { LanguageSwitch } from './language-switch';

export function AppHeader({ path, onLoggedOut }: { path: string; onLoggedOut(): void }) {
  const { t } = useI18n();
  const { user } = useMe();
  const logout = async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    onLoggedOut();
  };
  const current = (prefix: string) => (path === prefix || path.startsWith(prefix + '/') || (prefix === '/meetings' && path === '/') ? 'page' : undefined);
  return (
    <header class="topbar">
      <Link to="/" class="brand" aria-label="QRHop">
        <span class="brand-mark" aria-hidden="true">QR</span>
        <span class="brand-name">QRHop</span>
      </Link>
      <nav class="topnav" aria-label={t('nav.main')}>
        <Link to="/" aria-current={current('/meetings')}>{t('nav.meetings')}</Link>
        {user.role === 'admin' && <Link to="/users" aria-current={current('/users')}>{t('nav.users')}</Link>}
      </nav>
      <div class="topbar-end">
        <LanguageSwitch />
        <Link to="/account" class="topbar-user" aria-current={current('/account')} title={user.email}>{user.name}</Link>
        <button type="button" class="btn btn-small btn-ghost-light" onClick={logout}>{t('action.logout')}</button>
      </div>
    </header>
  );
}
