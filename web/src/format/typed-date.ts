/**
 * Dates and times as the console writes them, whatever language the browser runs in:
 * day/month/year and 24-hour time (vi-VN and en-GB alike). Native date and time inputs
 * follow the browser's own locale instead (US month-first and AM/PM in an English
 * Chrome), under a header that says 05/12/2026: so the console types them as text.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-05" → "05/12/2026". */
export const dayToText = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

/** "5/12/2026", "05-12-2026", "5.12.2026" → "2026-12-05"; '' for empty; null when not a real date. */
export function textToDay(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "8:30", "08.30", "8h30", "0830", "8" → "08:30"; '' for empty; null when not a time of day. */
export function textToTime(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (!t) return '';
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?h?$/.exec(t);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)];
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}
