import { useState } from 'preact/hooks';
import type { Meeting } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { DayField } from '../../components/date-fields';

export interface MeetingFields {
  title: string;
  venue: string;
  startsOn: string | null;
  endsOn: string | null;
  timezone: string;
  organizer: string;
}

const ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/Paris', 'UTC'];

interface Props {
  initial?: Meeting;
  submitLabel: string;
  onSubmit(fields: MeetingFields): Promise<void>;
  onCancel?(): void;
}

/** Title, venue, dates and timezone of a meeting: used to create one and to edit it. */
export function MeetingForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const [fields, setFields] = useState<MeetingFields>({
    title: initial?.title ?? '',
    venue: initial?.venue ?? '',
    startsOn: initial?.startsOn ?? null,
    endsOn: initial?.endsOn ?? null,
    timezone: initial?.timezone ?? 'Asia/Ho_Chi_Minh',
    organizer: initial?.organizer ?? '',
  });
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<MeetingFields>) => setFields((f) => ({ ...f, ...patch }));
  const zones = ZONES.includes(fields.timezone) ? ZONES : [fields.timezone, ...ZONES];
  const endBeforeStart = !!(fields.startsOn && fields.endsOn && fields.endsOn < fields.startsOn);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (endBeforeStart) return;
    setBusy(true);
    try {
      await onSubmit(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-grid" onSubmit={submit}>
      <label class="field span-2">
        <span>{t('meeting.title')}</span>
        <input name="title" required maxLength={300} value={fields.title} onInput={(e) => set({ title: e.currentTarget.value })} placeholder={t('meeting.titlePlaceholder')} />
      </label>
      <label class="field span-2">
        <span>{t('meeting.venue')}</span>
        <input name="venue" maxLength={300} value={fields.venue} onInput={(e) => set({ venue: e.currentTarget.value })} placeholder={t('meeting.venuePlaceholder')} />
      </label>
      <label class="field span-2">
        <span>{t('meeting.organizer')}</span>
        <input name="organizer" maxLength={200} value={fields.organizer} onInput={(e) => set({ organizer: e.currentTarget.value })} placeholder={t('meeting.organizerPlaceholder')} />
        <small class="muted">{t('meeting.organizerHint')}</small>
      </label>
      <label class="field">
        <span>{t('meeting.startsOn')}</span>
        <DayField name="startsOn" value={fields.startsOn ?? ''} onValue={(v) => set({ startsOn: v || null })} />
      </label>
      <label class="field">
        <span>{t('meeting.endsOn')}</span>
        <DayField name="endsOn" value={fields.endsOn ?? ''} onValue={(v) => set({ endsOn: v || null })} aria-invalid={endBeforeStart} />
        {endBeforeStart && <small class="field-error">{t('meeting.endBeforeStart')}</small>}
      </label>
      <label class="field">
        <span>{t('meeting.timezone')}</span>
        <select name="timezone" value={fields.timezone} onChange={(e) => set({ timezone: e.currentTarget.value })}>
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </label>
      <div class="form-actions span-2">
        {onCancel && <button type="button" class="btn" onClick={onCancel}>{t('action.cancel')}</button>}
        <button type="submit" class="btn btn-primary" disabled={busy}>{submitLabel}</button>
      </div>
    </form>
  );
}
