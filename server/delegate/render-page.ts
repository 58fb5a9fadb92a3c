import { delegateStrings, type DelegateLang, type DelegateStrings } from '../../shared/i18n/delegate';
import type { PageModel, PageSession } from './page-model';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

// Dark text on white and a deep blue accent: all pairs pass WCAG AA (≥ 4.5:1).
const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f4f5f7}
header{background:#0b3d91;color:#fff;padding:14px 16px}header h1{font-size:1.15rem;margin:0}header p{margin:4px 0 0;font-size:.9rem;color:#e6ecf7}
main{max-width:640px;margin:0 auto;padding:8px 12px 32px}h2{font-size:1.05rem;margin:18px 4px 6px}.meta{color:#4a4f57;font-size:.88rem;margin:0 4px 8px}
ul{list-style:none;margin:0;padding:0}li{background:#fff;border:1px solid #d9dce1;border-radius:10px;margin:8px 0;display:flex;align-items:stretch}
a.doc{flex:1;display:block;padding:14px 12px;color:#0b2a66;text-decoration:none;min-height:56px}a.doc b{display:block;font-weight:600;color:#1a1a1a}
a.doc span{font-size:.85rem;color:#4a4f57}a.dl{display:flex;align-items:center;padding:0 14px;border-left:1px solid #d9dce1;color:#0b3d91;font-size:.85rem;min-width:64px;justify-content:center;text-decoration:none}
.badge{display:inline-block;font-size:.72rem;font-weight:700;padding:1px 6px;border-radius:8px;margin-left:6px;vertical-align:middle;background:#fff3c4;color:#5c4300}
.note{background:#fff;border-left:4px solid #0b3d91;padding:12px;border-radius:6px;margin:12px 0}.empty{color:#4a4f57;padding:6px 4px}
footer{text-align:center;font-size:.9rem;padding:8px}footer a{color:#0b3d91;display:inline-block;padding:10px}`;

const ICON = `<link rel="icon" href="data:,">`;

export interface PageVariant {
  lang: DelegateLang;
  /** Android in-app WebView (Zalo, Facebook…): offer "open in browser" beside each document. */
  androidInApp: boolean;
}

function shell(lang: DelegateLang, title: string, body: string, toggleHref: string): string {
  const t = delegateStrings[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${esc(title)}</title>${ICON}<style>${CSS}</style></head><body>${body}` +
    `<footer><a href="${toggleHref}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${t.language}</a></footer></body></html>`;
}

function formatSize(bytes: number, t: DelegateStrings): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < t.sizeUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${t.sizeUnits[unit]}`;
}

const TYPE_LABELS: [RegExp, string][] = [
  [/pdf/, 'PDF'], [/wordprocessing|msword|opendocument\.text/, 'Word'], [/spreadsheet|ms-excel/, 'Excel'],
  [/presentation|ms-powerpoint/, 'PowerPoint'], [/^image\//, 'Ảnh'], [/csv/, 'CSV'], [/^text\//, 'Text'],
];
const typeLabel = (contentType: string) => TYPE_LABELS.find(([re]) => re.test(contentType))?.[1] ?? 'File';

export function formatTime(date: Date, timezone: string, lang: DelegateLang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

function sessionBlock(s: PageSession, model: PageModel, token: string, variant: PageVariant): string {
  const t = delegateStrings[variant.lang];
  const when = s.startsAt ? formatTime(s.startsAt, model.meeting.timezone, variant.lang) : '';
  const meta = [when, s.room && `${t.room} ${s.room}`].filter(Boolean).join(' · ');
  const items = s.documents.map((d) => {
    const href = `/s/${token}/d/${d.id}`;
    const badge = d.badge ? `<span class="badge">${d.badge === 'new' ? t.new : t.updated}</span>` : '';
    const browser = variant.androidInApp
      ? `<a class="dl" href="intent:${href}#Intent;scheme=https;action=android.intent.action.VIEW;end">${t.openInBrowser}</a>`
      : '';
    return `<li><a class="doc" href="${href}"><b>${esc(d.title)}${badge}</b><span>${typeLabel(d.contentType)} · ${formatSize(d.size, t)}</span></a>${browser}<a class="dl" href="${href}?download=1" download>${t.download}</a></li>`;
  }).join('');
  const later = s.laterCount ? `<p class="meta">${s.laterCount} ${t.laterDocuments}</p>` : '';
  const list = items ? `<ul>${items}</ul>` : s.laterCount ? '' : `<p class="empty">${t.noDocuments}</p>`;
  return `<section><h2>${esc(s.title)}</h2>${meta ? `<p class="meta">${esc(meta)}</p>` : ''}${list}${later}</section>`;
}

/** The delegate page for a code: the session's documents, or the whole agenda for a meeting code. */
export function renderListPage(model: PageModel, token: string, variant: PageVariant): string {
  const t = delegateStrings[variant.lang];
  const subtitle = [model.meeting.venue, model.label].filter(Boolean).join(' · ');
  const header = `<header><h1>${esc(model.meeting.title)}</h1>${subtitle ? `<p>${esc(subtitle)}</p>` : ''}</header>`;
  const hint = variant.androidInApp ? `<p class="note">${t.inAppHint}</p>` : '';
  const heading = model.sessions.length > 1 ? `<h2>${t.agenda}</h2>` : '';
  const body = `${header}<main>${hint}${heading}${model.sessions.map((s) => sessionBlock(s, model, token, variant)).join('')}</main>`;
  return shell(variant.lang, model.meeting.title, body, `/s/${token}?lang=${variant.lang === 'vi' ? 'en' : 'vi'}`);
}

/** A full page for the states where there is no list: unknown code, not open, closed, storage down. */
export function renderMessagePage(lang: DelegateLang, title: string, text: string, toggleHref: string, heading?: string): string {
  const body = `<header><h1>${esc(heading ?? title)}</h1></header><main><div class="note"><h2>${esc(title)}</h2><p>${esc(text)}</p></div></main>`;
  return shell(lang, title, body, toggleHref);
}
