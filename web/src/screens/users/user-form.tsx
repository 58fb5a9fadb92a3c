import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { newPassword } from './new-password';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'organizer';
}

export function UserForm({ onSubmit }: { onSubmit(user: NewUser): Promise<boolean> }) {
  const { t } = useI18n();
  const empty: NewUser = { email: '', name: '', password: '', role: 'organizer' };
  const [user, setUser] = useState<NewUser>(empty);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewUser>) => setUser((u) => ({ ...u, ...patch }));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    if (await onSubmit(user)) setUser(empty);
    setBusy(false);
  };
  return (
    <form class="form-grid cols-4" onSubmit={submit}>
      <label class="field">
        <span>{t('users.name')}</span>
        <input name="name" required maxLength={120} value={user.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('login.email')}</span>
        <input name="email" type="email" required value={user.email} onInput={(e) => set({ email: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('login.password')}</span>
        <span class="input-with-button">
          <input name="password" required minLength={10} maxLength={1024} autoComplete="new-password" value={user.password} onInput={(e) => set({ password: e.currentTarget.value })} />
          <button type="button" class="btn btn-small" onClick={() => set({ password: newPassword() })}>{t('users.generate')}</button>
        </span>
        <small class="muted">{t('users.passwordRule')}</small>
      </label>
      <label class="field">
        <span>{t('users.role')}</span>
        <select name="role" value={user.role} onChange={(e) => set({ role: e.currentTarget.value as NewUser['role'] })}>
          <option value="organizer">{t('users.role.organizer')}</option>
          <option value="admin">{t('users.role.admin')}</option>
        </select>
      </label>
      <div class="form-actions span-4">
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('users.add')}</button>
      </div>
    </form>
  );
}
