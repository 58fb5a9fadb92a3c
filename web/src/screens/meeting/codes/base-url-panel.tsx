import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { useNotify } from '../../../components/notices';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';
import type { BaseUrlInfo, StaleInfo } from './use-base-url';

interface Props {
  info: BaseUrlInfo;
  stale: StaleInfo | null;
  onChanged(): Promise<void>;
}

/**
 * Where the codes lead and who can open them, in plain words, above every code and print
 * button; admins fix the address here so it no longer depends on the laptop's network.
 */
export function BaseUrlPanel({ info, stale, onChanged }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const { reload } = useMeetingState();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(info.url);
  const [busy, setBusy] = useState(false);
  // Across all meetings (admins only; null for organizers).
  const everywhere = info.stale;

  const save = async (url: string | null) => {
    setBusy(true);
    try {
      const saved = await api<{ url: string }>('PUT', '/api/base-url', { url });
      notify('success', t('address.saved', { url: saved.url }));
      setEditing(false);
      await Promise.all([onChanged(), reload()]);
    } catch (e) {
      notify('error', errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class={`address-panel card address-${info.kind}`} aria-labelledby="address-title" data-kind={info.kind}>
      <h3 id="address-title">{t('address.heading')}</h3>
      <p class="address-line">
        {t('address.lead')} <strong class="mono address-url">{info.url}</strong>
        <span class={`badge badge-address-${info.kind}`}>{t(`address.kind.${info.kind}`)}</span>
      </p>
      <p class="address-explain">{t(`address.explain.${info.kind}`)}</p>
      {!info.secure && <p class="muted address-insecure">{t('address.insecure')}</p>}
      <p class="muted small">{t(`address.source.${info.source}`)}</p>
      {stale && stale.codes > 0 && (
        <p class="notice notice-error address-stale" role="alert">
          {t('address.stale', { sheets: stale.sheets, codes: stale.codes, old: stale.printedWith.join(', '), url: info.url })}
        </p>
      )}
      {/* Admins set the address for every meeting at once: what it breaks elsewhere is theirs to see here too. */}
      {everywhere && everywhere.codes > (stale?.codes ?? 0) && (
        <p class="notice notice-error address-stale-all" role="alert">
          {t('address.staleAll', { sheets: everywhere.sheets, codes: everywhere.codes, old: everywhere.printedWith.join(', '), url: info.url })}
        </p>
      )}
      {info.editable && !editing && (
        <button type="button" class="btn btn-small" onClick={() => { setDraft(info.url); setEditing(true); }}>{t('address.change')}</button>
      )}
      {editing && (
        <form class="address-form" onSubmit={(e) => { e.preventDefault(); void save(draft); }}>
          <label class="field">
            <span>{t('address.field')}</span>
            <input name="baseUrl" type="url" required value={draft} onInput={(e) => setDraft(e.currentTarget.value)} autoFocus />
          </label>
          {info.candidates.length > 0 && (
            <div class="address-candidates">
              <span class="muted">{t('address.candidates')}</span>
              <ul>
                {info.candidates.map((c) => (
                  <li key={c.url}>
                    <span class="mono">{c.url}</span> <span class="muted">({c.adapter}{c.virtual ? `, ${t('address.virtual')}` : ''})</span>{' '}
                    <button type="button" class="btn btn-small" onClick={() => setDraft(c.url)}>{t('address.use')}</button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="button-row">
            <button type="submit" class="btn btn-primary btn-small" disabled={busy}>{t('address.save')}</button>
            {info.source === 'stored' && <button type="button" class="btn btn-small" disabled={busy} onClick={() => void save(null)}>{t('address.reset')}</button>}
            <button type="button" class="btn btn-small" onClick={() => setEditing(false)}>{t('action.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
