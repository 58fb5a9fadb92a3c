import type { ConsoleKey, ConsoleLang } from '../../../shared/i18n/console';
import { formatDateTime } from './display';

export interface WindowBounds {
  opensAt: string | null;
  closesAt: string | null;
}

/** The window a delegate meets through a code: the later start and the earlier end of the meeting's and the code's. */
export function effectiveWindow(meeting: WindowBounds, code?: WindowBounds): WindowBounds {
  const pick = (a: string | null, b: string | null | undefined, later: boolean) => {
    if (!a || !b) return a ?? b ?? null;
    return (Date.parse(a) > Date.parse(b)) === later ? a : b;
  };
  return { opensAt: pick(meeting.opensAt, code?.opensAt, true), closesAt: pick(meeting.closesAt, code?.closesAt, false) };
}

type T = (key: ConsoleKey, params?: Record<string, string | number>) => string;

/** "Xem được từ 08:00 01/12/2026 đến 17:00 01/12/2026", in the meeting's timezone. */
export function windowText(w: WindowBounds, timeZone: string, lang: ConsoleLang, t: T): string {
  const at = (iso: string) => formatDateTime(iso, timeZone, lang);
  if (w.opensAt && w.closesAt) return t('window.range', { from: at(w.opensAt), to: at(w.closesAt) });
  if (w.opensAt) return t('window.from', { from: at(w.opensAt) });
  if (w.closesAt) return t('window.until', { to: at(w.closesAt) });
  return t('window.none');
}
