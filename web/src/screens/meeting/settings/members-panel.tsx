import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../../api/client';
import type { User } from '../../../api/types';
import { useMe } from '../../../auth/me-context';
import { useNotify } from '../../../components/notices';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';

/** Who may manage this meeting. Members see the list; admins add and remove. */
export function MembersPanel({ meetingId }: { meetingId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const { user: me } = useMe();
  const isAdmin = me.role === 'admin';
  const [members, setMembers] = useState<User[] | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [choice, setChoice] = useState('');

  const load = async () => {
    try {
      setMembers((await get<{ members: User[] }>(`/api/meetings/${meetingId}/members`)).members);
      if (isAdmin) setUsers((await get<{ users: User[] }>('/api/users')).users);
    } catch (e) {
      notify('error', errorText(e, i18n));
    }
  };
  useEffect(() => {
    void load();
  }, [meetingId]);

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      notify('success', success);
    } catch (e) {
      notify('error', errorText(e, i18n));
    }
    await load();
  };
  const candidates = users.filter((u) => !u.disabled && !members?.some((m) => m.id === u.id));

  return (
    <div class="card">
      <h3>{t('members.heading')}</h3>
      <p class="muted">{t('members.explain')}</p>
      {!members ? <p class="loading">{t('state.loading')}</p> : (
        <ul class="member-list">
          {members.map((m) => (
            <li key={m.id}>
              <span><strong>{m.name}</strong> <span class="muted">{m.email}</span> {m.role === 'admin' && <span class="badge badge-soft">{t('users.role.admin')}</span>}</span>
              {isAdmin && (
                <button type="button" class="btn btn-small btn-danger-ghost" onClick={() => run(() => api('DELETE', `/api/meetings/${meetingId}/members/${m.id}`), t('members.removed'))}>
                  {t('members.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin && candidates.length > 0 && (
        <form class="attach-form" onSubmit={(e) => {
          e.preventDefault();
          if (choice) void run(() => api('POST', `/api/meetings/${meetingId}/members`, { userId: choice }), t('members.added')).then(() => setChoice(''));
        }}>
          <label class="sr-only" for="member-pick">{t('members.add')}</label>
          <select id="member-pick" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">{t('members.pick')}</option>
            {candidates.map((u) => <option key={u.id} value={u.id}>{u.name} — {u.email}</option>)}
          </select>
          <button type="submit" class="btn btn-small" disabled={!choice}>{t('members.add')}</button>
        </form>
      )}
      {!isAdmin && <p class="muted small">{t('members.adminsOnly')}</p>}
    </div>
  );
}
