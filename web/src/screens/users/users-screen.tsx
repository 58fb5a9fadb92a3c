import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../api/client';
import type { User } from '../../api/types';
import { useMe } from '../../auth/me-context';
import { useConfirm } from '../../components/confirm';
import { Modal } from '../../components/modal';
import { useNotify } from '../../components/notices';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { newPassword } from './new-password';
import { UserForm, type NewUser } from './user-form';

/** Accounts (admins only): add, change role, disable, reset a password. */
export function UsersScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const confirm = useConfirm();
  const { user: me } = useMe();
  const [users, setUsers] = useState<User[] | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const load = () => get<{ users: User[] }>('/api/users').then((r) => setUsers(r.users), (e) => notify('error', errorText(e, i18n)));
  useEffect(() => {
    document.title = `${t('nav.users')} · QRHop`;
    if (me.role === 'admin') void load();
  }, []);
  if (me.role !== 'admin') return <p class="notice notice-error">{t('error.forbidden')}</p>;

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      notify('success', success);
      return true;
    } catch (e) {
      notify('error', errorText(e, i18n));
      return false;
    } finally {
      await load();
    }
  };
  const add = (user: NewUser) => run(() => api('POST', '/api/users', user), t('users.added', { name: user.name }));
  const patch = (u: User, change: Record<string, unknown>, success: string) => run(() => api('PATCH', `/api/users/${u.id}`, change), success);
  const toggle = async (u: User) => {
    if (!u.disabled && !(await confirm({ title: t('users.disableTitle'), body: <p>{t('users.disableText', { name: u.name })}</p>, confirmLabel: t('users.disable'), danger: true }))) return;
    await patch(u, { disabled: !u.disabled }, u.disabled ? t('users.enabled') : t('users.disabledDone'));
  };

  return (
    <section class="screen">
      <div class="screen-head"><h1>{t('users.heading')}</h1></div>
      <div class="card">
        <h2>{t('users.add')}</h2>
        <UserForm onSubmit={add} />
      </div>
      {!users ? <p class="loading">{t('state.loading')}</p> : (
        <table class="user-table">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('login.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col"><span class="sr-only">{t('docs.col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} aria-label={u.email} class={u.disabled ? 'is-disabled' : ''}>
                <td>{u.name}{u.id === me.id && <span class="muted"> ({t('users.you')})</span>}</td>
                <td class="mono">{u.email}</td>
                <td>
                  <select aria-label={t('users.roleOf', { name: u.name })} value={u.role} disabled={u.id === me.id}
                    onChange={(e) => patch(u, { role: e.currentTarget.value }, t('users.saved'))}>
                    <option value="organizer">{t('users.role.organizer')}</option>
                    <option value="admin">{t('users.role.admin')}</option>
                  </select>
                </td>
                <td>{u.disabled ? <span class="badge badge-archived">{t('users.disabled')}</span> : <span class="badge badge-published">{t('users.active')}</span>}</td>
                <td class="row-actions">
                  <button type="button" class="btn btn-small" onClick={() => setResetting(u)}>{t('users.reset')}</button>
                  {u.id !== me.id && (
                    <button type="button" class={u.disabled ? 'btn btn-small' : 'btn btn-small btn-danger-ghost'} onClick={() => toggle(u)}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(null)} onSave={(password) => patch(resetting, { password }, t('users.resetDone', { name: resetting.name }))} />}
    </section>
  );
}

function ResetPassword({ user, onClose, onSave }: { user: User; onClose(): void; onSave(password: string): Promise<boolean> }) {
  const { t } = useI18n();
  const [password, setPassword] = useState(newPassword);
  return (
    <Modal title={t('users.resetTitle', { name: user.name })} onClose={onClose}>
      <form onSubmit={async (e) => {
        e.preventDefault();
        if (await onSave(password)) onClose();
      }}>
        <p class="muted">{t('users.resetText')}</p>
        <label class="field">
          <span>{t('users.newPassword')}</span>
          <span class="input-with-button">
            <input name="password" class="mono" required minLength={10} maxLength={1024} autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            <button type="button" class="btn btn-small" onClick={() => setPassword(newPassword())}>{t('users.generate')}</button>
          </span>
        </label>
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onClose}>{t('action.cancel')}</button>
          <button type="submit" class="btn btn-primary">{t('users.reset')}</button>
        </div>
      </form>
    </Modal>
  );
}
