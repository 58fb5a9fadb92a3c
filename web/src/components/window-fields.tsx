import { isoToZoned, zonedToIso } from '../format/zoned-time';
import { useI18n } from '../i18n/i18n';
import { DayField, TimeField } from './date-fields';

export interface WindowValue {
  /** Wall-clock day and time in the meeting's timezone; '' when that end has no bound. */
  fromDay: string;
  fromTime: string;
  toDay: string;
  toTime: string;
}

export const windowValueOf = (w: { opensAt: string | null; closesAt: string | null }, timeZone: string): WindowValue => {
  const from = w.opensAt ? isoToZoned(w.opensAt, timeZone) : null;
  const to = w.closesAt ? isoToZoned(w.closesAt, timeZone) : null;
  return { fromDay: from?.day ?? '', fromTime: from?.time ?? '', toDay: to?.day ?? '', toTime: to?.time ?? '' };
};

/** The API's window (ISO instants) from the fields; an end without day or time has no bound. */
export function windowIsoOf(v: WindowValue, timeZone: string) {
  return {
    opensAt: v.fromDay && v.fromTime ? zonedToIso(v.fromDay, v.fromTime, timeZone) : null,
    closesAt: v.toDay && v.toTime ? zonedToIso(v.toDay, v.toTime, timeZone) : null,
  };
}

export const windowOutOfOrder = (v: WindowValue, timeZone: string) => {
  const w = windowIsoOf(v, timeZone);
  return !!(w.opensAt && w.closesAt && Date.parse(w.closesAt) <= Date.parse(w.opensAt));
};

/** From / until, each a day and a time in the meeting's timezone, each clearable. */
export function WindowFields({ value, onChange, timeZone }: { value: WindowValue; onChange(next: WindowValue): void; timeZone: string }) {
  const { t } = useI18n();
  const bad = windowOutOfOrder(value, timeZone);
  const set = (patch: Partial<WindowValue>) => onChange({ ...value, ...patch });
  return (
    <div class="window-fields">
      <fieldset class="field">
        <legend>{t('window.opensAt')}</legend>
        <div class="inline-fields">
          <DayField aria-label={`${t('window.opensAt')} — ${t('window.day')}`} value={value.fromDay} onValue={(fromDay) => set({ fromDay })} />
          <TimeField aria-label={`${t('window.opensAt')} — ${t('window.time')}`} value={value.fromTime} onValue={(fromTime) => set({ fromTime })} />
          <button type="button" class="btn btn-small" onClick={() => set({ fromDay: '', fromTime: '' })}>{t('window.clear')}</button>
        </div>
      </fieldset>
      <fieldset class="field">
        <legend>{t('window.closesAt')}</legend>
        <div class="inline-fields">
          <DayField aria-label={`${t('window.closesAt')} — ${t('window.day')}`} value={value.toDay} onValue={(toDay) => set({ toDay })} aria-invalid={bad} />
          <TimeField aria-label={`${t('window.closesAt')} — ${t('window.time')}`} value={value.toTime} onValue={(toTime) => set({ toTime })} aria-invalid={bad} />
          <button type="button" class="btn btn-small" onClick={() => set({ toDay: '', toTime: '' })}>{t('window.clear')}</button>
        </div>
        {bad && <small class="field-error" role="alert">{t('window.endBeforeStart')}</small>}
      </fieldset>
      <p class="muted small">{t('window.hint', { tz: timeZone })}</p>
    </div>
  );
}
