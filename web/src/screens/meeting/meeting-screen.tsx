import { useEffect } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router/link';
import { lazyScreen } from '../../router/lazy-screen';
import { AgendaTab } from './agenda/agenda-tab';
import { MeetingContext, useMeetingLoader } from './meeting-context';
import { MeetingHeader } from './meeting-header';

const DocumentsTab = lazyScreen(() => import('./documents/documents-tab').then((m) => m.DocumentsTab));
const CodesTab = lazyScreen(() => import('./codes/codes-tab').then((m) => m.CodesTab));
const ReportTab = lazyScreen(() => import('./report/report-tab').then((m) => m.ReportTab));
const SettingsTab = lazyScreen(() => import('./settings/settings-tab').then((m) => m.SettingsTab));

const TABS = ['agenda', 'documents', 'codes', 'report', 'settings'] as const;
type Tab = (typeof TABS)[number];

export function MeetingScreen({ meetingId, tab }: { meetingId: string; tab: string }) {
  const { t } = useI18n();
  const state = useMeetingLoader(meetingId);
  const active: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'agenda';
  const title = state.detail?.meeting.title;
  useEffect(() => {
    if (title) document.title = `${title} · ${t(`tab.${active}`)} · QRHop`;
  }, [title, active]);

  if (state.error && !state.detail) {
    return (
      <section class="screen">
        <p class="notice notice-error" role="alert">{state.error}</p>
        <Link to="/">← {t('nav.meetings')}</Link>
      </section>
    );
  }
  if (!state.detail) return <p class="loading" aria-busy="true">{t('state.loading')}</p>;
  const base = `/meetings/${meetingId}`;
  return (
    <MeetingContext.Provider value={{ detail: state.detail, reload: state.reload, change: state.change }}>
      <section class="screen meeting">
        <MeetingHeader />
        <nav class="tabs" aria-label={t('tab.label')}>
          {TABS.map((name) => (
            <Link key={name} to={name === 'agenda' ? base : `${base}/${name}`} class="tab" aria-current={name === active ? 'page' : undefined}>
              {t(`tab.${name}`)}
            </Link>
          ))}
        </nav>
        <div class="tab-panel">
          {active === 'agenda' && <AgendaTab />}
          {active === 'documents' && <DocumentsTab />}
          {active === 'codes' && <CodesTab />}
          {active === 'report' && <ReportTab />}
          {active === 'settings' && <SettingsTab />}
        </div>
      </section>
    </MeetingContext.Provider>
  );
}
