import { useRef, useState } from 'preact/hooks';
import { api, failureFrom, noteLoginLost } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** The logo printed on the meeting's QR sheets: PNG or JPEG, at most 2 MB. */
export function LogoPanel() {
  const { t } = useI18n();
  const { detail, change } = useMeetingState();
  const { meeting } = detail;
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (file.size > MAX_LOGO_BYTES) return setError(t('logo.tooLarge'));
    if (!/^image\/(png|jpeg)$/.test(file.type)) return setError(t('logo.type'));
    await change(async () => {
      const path = `/api/meetings/${meeting.id}/logo`;
      const res = await fetch(path, { method: 'PUT', body: file, headers: { 'content-type': file.type }, credentials: 'same-origin' });
      if (!res.ok) {
        noteLoginLost(path, res.status);
        throw failureFrom(res.status, await res.json().catch(() => null));
      }
    }, t('logo.saved'));
  };

  return (
    <div class="card">
      <h3>{t('logo.heading')}</h3>
      <p class="muted">{meeting.hasLogo ? t('logo.has') : t('logo.none')}</p>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      <div class="button-row">
        <button type="button" class="btn btn-small" onClick={() => input.current?.click()}>{meeting.hasLogo ? t('logo.replace') : t('logo.upload')}</button>
        {meeting.hasLogo && (
          <button type="button" class="btn btn-small btn-danger-ghost" onClick={() => change(() => api('DELETE', `/api/meetings/${meeting.id}/logo`), t('logo.removed'))}>
            {t('logo.remove')}
          </button>
        )}
      </div>
      <input ref={input} type="file" accept="image/png,image/jpeg" class="sr-only" tabIndex={-1} aria-hidden="true" data-testid="logo-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void upload(file);
        }} />
    </div>
  );
}
