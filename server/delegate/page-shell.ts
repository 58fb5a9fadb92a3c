import { delegateStrings, type DelegateLang, type DelegateStrings } from '../../shared/i18n/delegate';
import { LIVE_JS_PATH } from './enhance-assets';
import { PAGE_CSS } from './page-style';

export const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface ShellOptions {
  lang: DelegateLang;
  title: string;
  body: string;
  /** Same page in the other language (?lang=), as a link: works with JavaScript off. */
  toggleHref: string;
  /** Load the fresh-list and offline enhancement (pages that can change by themselves). */
  enhance?: boolean;
  /** More style for this kind of page (the reader's), after the shared style. */
  css?: string;
  /** More elements in <head> (a meta refresh). */
  head?: string;
}

/**
 * The HTML around every delegate page. `data-v` is filled with the page's content
 * hash (its ETag) once rendered; the refresh script sends it back in If-None-Match.
 * The favicon is an empty data: URL so browsers do not spend a request on it.
 */
export function shell({ lang, title, body, toggleHref, enhance, css = '', head = '' }: ShellOptions): string {
  const t = delegateStrings[lang];
  const live = enhance
    ? `<p id="upd" class="sr" role="status" data-t="${esc(t.listUpdated)}"></p><script src="${LIVE_JS_PATH}" defer></script>`
    : '';
  return `<!doctype html><html lang="${lang}" data-v=""><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${esc(title)}</title><link rel="icon" href="data:,">${head}<style>${PAGE_CSS}${css}</style></head><body>${body}` +
    `<footer><a href="${esc(toggleHref)}" hreflang="${lang === 'vi' ? 'en' : 'vi'}" lang="${lang === 'vi' ? 'en' : 'vi'}">${t.language}</a></footer>${live}</body></html>`;
}

export function formatSize(bytes: number, lang: DelegateLang, t: DelegateStrings): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < t.sizeUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value)} ${t.sizeUnits[unit]}`;
}

/** "08:00 01/12/2026" in the meeting's timezone. */
export function formatTime(date: Date, timezone: string, lang: DelegateLang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** A YYYY-MM-DD meeting day as "01/12/2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

const TYPE_LABELS: [RegExp, string | null][] = [
  [/pdf/, 'PDF'], [/wordprocessing|msword|opendocument\.text/, 'Word'], [/spreadsheet|ms-excel/, 'Excel'],
  [/presentation|ms-powerpoint/, 'PowerPoint'], [/^image\//, null], [/csv/, 'CSV'], [/^text\//, 'Text'],
];
export function typeLabel(contentType: string, t: DelegateStrings): string {
  const found = TYPE_LABELS.find(([re]) => re.test(contentType));
  return found ? (found[1] ?? t.image) : 'File';
}
