import { useState } from 'preact/hooks';
import type { AgendaSession } from '../../../api/types';
import { isoToZoned, todayIn, zonedToIso } from '../../../format/zoned-time';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

export interface SessionFields {
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  room: string;
  /** undefined: unchanged; null: remove; digits: set. */
  pin?: string | null;
}

interface Props {
  initial?: AgendaSession;
  submitLabel: string;
  onSubmit(fields: SessionFields): Promise<boolean>;
  onCancel(): void;
}

/** Title, day, start and end time (typed in the meeting's timezone), room and an optional PIN. */
export function SessionForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const { meeting } = useMeetingState().detail;
  const tz = meeting.timezone;
  const start = initial?.startsAt ? isoToZoned(initial.startsAt, tz) : null;
  const end = initial?.endsAt ? isoToZoned(initial.endsAt, tz) : null;
  const [title, setTitle] = useState(initial?.title ?? '');
  const [day, setDay] = useState(start?.day ?? meeting.startsOn ?? todayIn(tz));
  const [from, setFrom] = useState(start?.time ?? '');
  const [to, setTo] = useState(end?.time ?? '');
  const [room, setRoom] = useState(initial?.room ?? '');
  const [pinMode, setPinMode] = useState<'keep' | 'set' | 'remove'>(initial?.hasPin ? 'keep' : 'remove');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const endBeforeStart = !!(from && to && to <= from);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (endBeforeStart) return;
    setBusy(true);
    const fields: SessionFields = {
      title,
      room,
      startsAt: day && from ? zonedToIso(day, from, tz) : null,
      endsAt: day && from && to ? zonedToIso(day, to, tz) : null,
    };
    if (pinMode === 'set') fields.pin = pin;
    else if (pinMode === 'remove' && initial?.hasPin) fields.pin = null;
    const ok = await onSubmit(fields);
    setBusy(false);
    if (ok) onCancel();
  };

  return (
    <form class="session-form form-grid cols-4" onSubmit={submit}>
      <label class="field span-4">
        <span>{t('session.title')}</span>
        <input name="title" required maxLength={300} value={title} onInput={(e) => setTitle(e.currentTarget.value)} placeholder={t('session.titlePlaceholder')} autoFocus />
      </label>
      <label class="field">
        <span>{t('session.day')}</span>
        <input type="date" name="day" value={day} onInput={(e) => setDay(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('session.from')}</span>
        <input type="time" name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('session.to')}</span>
        <input type="time" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} aria-invalid={endBeforeStart} />
        {endBeforeStart && <small class="field-error">{t('session.endBeforeStart')}</small>}
      </label>
      <label class="field">
        <span>{t('session.room')}</span>
        <input name="room" maxLength={200} value={room} onInput={(e) => setRoom(e.currentTarget.value)} />
      </label>
      <fieldset class="field span-4 pin-field">
        <legend>{t('session.pin')}</legend>
        <label class="check">
          <input type="checkbox" checked={pinMode !== 'remove'} onChange={(e) => setPinMode(e.currentTarget.checked ? (initial?.hasPin ? 'keep' : 'set') : 'remove')} />
          {t('session.pinRequired')}
        </label>
        {pinMode === 'keep' && <button type="button" class="btn btn-small" onClick={() => setPinMode('set')}>{t('session.pinChange')}</button>}
        {pinMode === 'set' && (
          <input name="pin" inputMode="numeric" pattern="\d{4,12}" required maxLength={12} autoComplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} placeholder={t('session.pinPlaceholder')} aria-label={t('session.pin')} />
        )}
        <small class="muted">{t('session.pinHint')}</small>
      </fieldset>
      <p class="muted span-4 tz-note">{t('session.tzNote', { tz })}</p>
      <div class="form-actions span-4">
        <button type="button" class="btn" onClick={onCancel}>{t('action.cancel')}</button>
        <button type="submit" class="btn btn-primary" disabled={busy}>{submitLabel}</button>
      </div>
    </form>
  );
}
