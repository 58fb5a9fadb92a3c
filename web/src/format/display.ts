import type { ConsoleLang } from '../../../shared/i18n/console';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: ConsoleLang, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    // Vietnamese format (dd/mm/yyyy, 24 h) in the console's default language; British order in English.
    f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, ...options });
    formats.set(key, f);
  }
  return f;
}

const DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

export const formatDateTime = (iso: string, timeZone: string, lang: ConsoleLang) => format(lang, timeZone, { ...TIME, ...DATE }).format(new Date(iso));
export const formatTime = (iso: string, timeZone: string, lang: ConsoleLang) => format(lang, timeZone, TIME).format(new Date(iso));
export const formatDateOnly = (iso: string, timeZone: string, lang: ConsoleLang) => format(lang, timeZone, DATE).format(new Date(iso));
export const formatTimeSeconds = (date: Date, timeZone: string, lang: ConsoleLang) => format(lang, timeZone, { ...TIME, second: '2-digit' }).format(date);

/** A calendar day ("2025-03-15") as the organizer writes it: 15/03/2025. */
export function formatDay(day: string, lang: ConsoleLang): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(lang, 'UTC', { weekday: 'short', ...DATE }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDayRange(from: string | null, to: string | null, lang: ConsoleLang): string {
  if (!from) return to ? formatDay(to, lang) : '';
  if (!to || to === from) return formatDay(from, lang);
  return `${formatDay(from, lang)} – ${formatDay(to, lang)}`;
}

/** "08:00–09:30 · T7, 15/03/2025" for an agenda item. */
export function formatSessionTime(startsAt: string | null, endsAt: string | null, timeZone: string, lang: ConsoleLang): string {
  if (!startsAt) return '';
  const day = format(lang, timeZone, { weekday: 'short', ...DATE }).format(new Date(startsAt));
  const end = endsAt ? `–${formatTime(endsAt, timeZone, lang)}` : '';
  return `${formatTime(startsAt, timeZone, lang)}${end} · ${day}`;
}

export function formatBytes(bytes: number, lang: ConsoleLang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}

export const formatNumber = (n: number, lang: ConsoleLang) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

export const formatPercent = (ratio: number, lang: ConsoleLang) =>
  ratio.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });

/** PDF, Word, … from a content type. */
export function fileKind(contentType: string): string {
  if (/pdf/.test(contentType)) return 'PDF';
  if (/wordprocessing|msword|opendocument\.text/.test(contentType)) return 'Word';
  if (/spreadsheet|ms-excel/.test(contentType)) return 'Excel';
  if (/presentation|ms-powerpoint/.test(contentType)) return 'PowerPoint';
  if (/^image\//.test(contentType)) return contentType.slice(6).toUpperCase();
  if (/csv/.test(contentType)) return 'CSV';
  if (/^text\//.test(contentType)) return 'TXT';
  return '—';
}
