import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../api/client';
import type { Meeting, MeetingDetail } from '../../api/types';
import { useNotify } from '../../components/notices';
import { StatusBadge } from '../../components/status-badge';
import { formatDayRange } from '../../format/display';
import { todayIn } from '../../format/zoned-time';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router/link';
import { navigate } from '../../router/router';
import { MeetingForm, type MeetingFields } from './meeting-form';

type Group = 'current' | 'past' | 'archived';

/** Upcoming and running meetings first (soonest first), then past ones (latest first), archived last. */
function groupMeetings(meetings: Meeting[]): Record<Group, Meeting[]> {
  const groups: Record<Group, Meeting[]> = { current: [], past: [], archived: [] };
  for (const m of meetings) {
    const end = m.endsOn ?? m.startsOn;
    if (m.status === 'archived') groups.archived.push(m);
    else if (end && end < todayIn(m.timezone)) groups.past.push(m);
    else groups.current.push(m);
  }
  groups.current.sort((a, b) => (a.startsOn ?? '9999').localeCompare(b.startsOn ?? '9999'));
  groups.past.sort((a, b) => (b.startsOn ?? '').localeCompare(a.startsOn ?? ''));
  groups.archived.sort((a, b) => (b.startsOn ?? '').localeCompare(a.startsOn ?? ''));
  return groups;
}

export function MeetingsScreen() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const notify = useNotify();
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    document.title = `${t('nav.meetings')} · QRHop`;
    get<{ meetings: Meeting[] }>('/api/meetings').then((r) => setMeetings(r.meetings), (e) => setError(errorText(e, i18n)));
  }, []);

  const create = async (fields: MeetingFields) => {
    try {
      const created = await api<MeetingDetail>('POST', '/api/meetings', fields);
      notify('success', t('meeting.created'));
      navigate(`/meetings/${created.meeting.id}`);
    } catch (e) {
      notify('error', errorText(e, i18n));
    }
  };

  const groups = meetings ? groupMeetings(meetings) : null;
  return (
    <section class="screen">
      <div class="screen-head">
        <h1>{t('meetings.heading')}</h1>
        {!creating && <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>+ {t('meetings.new')}</button>}
      </div>
      {creating && (
        <div class="card">
          <h2>{t('meetings.new')}</h2>
          <MeetingForm submitLabel={t('meetings.create')} onSubmit={create} onCancel={() => setCreating(false)} />
        </div>
      )}
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {!meetings && !error && <p class="loading">{t('state.loading')}</p>}
      {meetings && meetings.length === 0 && !creating && <p class="empty">{t('meetings.none')}</p>}
      {groups && (['current', 'past', 'archived'] as const).map((g) => groups[g].length > 0 && (
        <section key={g} class="meeting-group" aria-labelledby={`group-${g}`}>
          <h2 id={`group-${g}`} class="group-title">{t(`meetings.group.${g}`)}</h2>
          <ul class="meeting-list">
            {groups[g].map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`} class="meeting-row">
                  <span class="meeting-row-title">{m.title}</span>
                  <span class="meeting-row-meta">
                    {[formatDayRange(m.startsOn, m.endsOn, lang), m.venue].filter(Boolean).join(' · ') || t('meeting.noDate')}
                  </span>
                  <StatusBadge status={m.status} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
