import { useEffect, useState } from 'preact/hooks';
import { get, whenLoginLost } from './api/client';
import type { Me } from './api/types';
import { LoginScreen } from './auth/login-screen';
import { SetupScreen, type SetupState } from './auth/setup-screen';
import { MeContext } from './auth/me-context';
import { ConfirmProvider } from './components/confirm';
import { NoticeProvider } from './components/notices';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppHeader } from './layout/app-header';
import { lazyScreen } from './router/lazy-screen';
import { usePath } from './router/router';
import { MeetingsScreen } from './screens/meetings/meetings-screen';

// Everything past the meeting list is loaded on demand (see lazyScreen).
const MeetingScreen = lazyScreen(() => import('./screens/meeting/meeting-screen').then((m) => m.MeetingScreen));
const UsersScreen = lazyScreen(() => import('./screens/users/users-screen').then((m) => m.UsersScreen));
const AccountScreen = lazyScreen(() => import('./screens/account/account-screen').then((m) => m.AccountScreen));

type LoginState = { kind: 'checking' } | { kind: 'setup'; setup: SetupState } | { kind: 'out'; expired: boolean } | { kind: 'in'; me: Me };

export function App() {
  return (
    <I18nProvider>
      <NoticeProvider>
        <ConfirmProvider>
          <Console />
        </ConfirmProvider>
      </NoticeProvider>
    </I18nProvider>
  );
}

function Console() {
  const { t } = useI18n();
  const [login, setLogin] = useState<LoginState>({ kind: 'checking' });
  useEffect(() => {
    whenLoginLost(() => setLogin((s) => (s.kind === 'in' ? { kind: 'out', expired: true } : s)));
    // Not logged in (401) or the server unreachable: the login screen, which says why on submit;
    // on a fresh install (no account at all) the set-up screen instead.
    get<Me>('/api/me').then((me) => setLogin({ kind: 'in', me }), async () => {
      const setup = await get<SetupState>('/api/setup').catch(() => null);
      setLogin(setup?.needed ? { kind: 'setup', setup } : { kind: 'out', expired: false });
    });
  }, []);
  if (login.kind === 'setup') return <SetupScreen setup={login.setup} onDone={(me) => setLogin({ kind: 'in', me })} />;
  if (login.kind === 'checking') return <p class="loading boot" aria-busy="true">{t('state.loading')}</p>;
  // After a login (or a re-login once it expired) the organizer stays on the page they were on.
  if (login.kind === 'out') return <LoginScreen expired={login.expired} onLoggedIn={(me) => setLogin({ kind: 'in', me })} />;
  return (
    <MeContext.Provider value={login.me}>
      <Shell onLoggedOut={() => setLogin({ kind: 'out', expired: false })} />
    </MeContext.Provider>
  );
}

function Shell({ onLoggedOut }: { onLoggedOut(): void }) {
  const path = usePath();
  return (
    <>
      <a class="skip-link" href="#main">{useI18n().t('nav.skip')}</a>
      <AppHeader path={path} onLoggedOut={onLoggedOut} />
      <main id="main" class="page">
        <Route path={path} />
      </main>
    </>
  );
}

function Route({ path }: { path: string }) {
  const { t } = useI18n();
  if (path === '/' || path === '/meetings') return <MeetingsScreen />;
  const meeting = /^\/meetings\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  if (meeting) return <MeetingScreen key={meeting[1]} meetingId={meeting[1]!} tab={meeting[2] ?? 'agenda'} />;
  if (path === '/users') return <UsersScreen />;
  if (path === '/account') return <AccountScreen />;
  return <p class="notice notice-error">{t('error.noPage')}</p>;
}
