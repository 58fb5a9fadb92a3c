import { delegateStrings, fillText, type DelegateLang } from '../../shared/i18n/delegate';
import { renditionRoute } from '../reader/rendition-plan';
import { bookPath, documentPath, readerPath } from './delegate-url';
import { bookStateFor, MEETING_BOOK } from './page-books';
import type { PageModel, PageSession } from './page-model';
import { esc, formatSize, formatTime, shell, typeLabel } from './page-shell';
import { pinForm } from './pin-form';
import { renderSignatureBadge } from '../signatures/render-signature-badge';
import { roomLabel } from '../../shared/room-label';

export interface PageVariant {
  lang: DelegateLang;
  /** Android in-app WebView (Zalo, Facebook…): the reader is the way in; it offers the phone's browser for the original. */
  androidInApp: boolean;
  /** Absolute origin for the intent URLs (only used for androidInApp). */
  origin: string;
}

/**
 * The book's entry, first in the list: "Toàn bộ tài liệu phiên — 1 tệp, N trang, X MB", or
 * that it is being made. Nothing when the viewer may not have it (PIN without grant) or
 * there is nothing to compile.
 */
function bookItem(model: PageModel, token: string, scope: string, variant: PageVariant, granted: ReadonlySet<string>): string {
  const t = delegateStrings[variant.lang];
  const state = bookStateFor(model, scope, granted);
  if (state.kind === 'none' || state.kind === 'locked') return '';
  const title = scope === MEETING_BOOK ? t.bookMeeting : t.bookSession;
  if (state.kind === 'building') return `<div class="note book"><p><b>${esc(title)}</b></p><p>${esc(t.bookBuilding)}</p></div>`;
  const href = scope === (model.codeSessionId ?? MEETING_BOOK) ? bookPath(token) : bookPath(token, scope);
  const pages = new Intl.NumberFormat(variant.lang === 'vi' ? 'vi-VN' : 'en-GB').format(state.book.pages);
  const meta = fillText(t.bookMeta, { pages, size: formatSize(state.book.bytes, variant.lang, t) });
  // An Android in-app WebView shows a PDF as nothing: there the book is a download.
  const open = variant.androidInApp ? `${href}?download=1` : href;
  const updating = state.kind === 'older' ? `<p class="meta">${esc(t.bookUpdating)}</p>` : '';
  return `<ul class="book"><li><a class="doc" href="${open}"><b>${esc(title)}</b><span>${esc(meta)}</span></a>` +
    `<div class="act"><a class="btn main" href="${open}">${t.bookOpen}</a><a class="btn" href="${href}?download=1" download>${t.download}</a></div>${updating}</li></ul>`;
}

export const toggleHref = (token: string, lang: DelegateLang) => `/s/${encodeURIComponent(token)}?lang=${lang === 'vi' ? 'en' : 'vi'}`;

function sessionBlock(s: PageSession, model: PageModel, token: string, variant: PageVariant, granted: ReadonlySet<string>): string {
  const t = delegateStrings[variant.lang];
  const tz = model.meeting.timezone;
  const when = s.startsAt ? formatTime(s.startsAt, tz, variant.lang) : '';
  const meta = [when, roomLabel(s.room, t.room)].filter(Boolean).join(' · ');
  const head = `<h2>${esc(s.title)}</h2>${meta ? `<p class="meta">${esc(meta)}</p>` : ''}`;
  if (s.pinHash && !granted.has(s.id)) {
    return `<section>${head}<div class="note"><p>${t.pinSessionLocked}</p>${pinForm(token, variant.lang, s.id)}</div></section>`;
  }
  // On a meeting code's page a PIN session is not in the meeting-wide book: its own book heads its list.
  const book = s.pinHash && model.codeSessionId === null ? bookItem(model, token, s.id, variant, granted) : '';
  const items = s.documents.map((d) => {
    const original = documentPath(token, d.id);
    // The reader is what a tap opens: it shows every kind of document in the page the delegate
    // is on (an Android WebView shows a PDF as nothing). Text files open as they are.
    const readable = renditionRoute(d.contentType) !== null;
    const href = readable ? readerPath(token, d.id) : original;
    // The page is shared by every device (and cached): the badges are in it, hidden, and this
    // device's script shows them by comparing data-f/data-u with its previous visit (answer-seen.ts).
    const note = d.version > 1 && d.changeNote ? `<div class="cn" hidden>${esc(fillText(t.changeNote, { note: d.changeNote }))}</div>` : '';
    // The badge script (live-script.ts SEEN_JS) adds the badge, in the page's language.
    const download = `<a class="btn" href="${original}?download=1" download aria-label="${esc(fillText(t.downloadOf, { title: d.title }))}">${t.download}</a>`;
    const read = `<a class="btn main" href="${href}" aria-label="${esc(fillText(t.readOf, { title: d.title }))}">${t.read}</a>`;
    const link = `<a class="doc" href="${href}"><b>${esc(d.title)}</b>${note}<span>${typeLabel(d.contentType, t)} · ${formatSize(d.size, variant.lang, t)}</span></a>`;
    // In seconds (shorter on the wire); the script compares them with /seen's milliseconds.
    const since = `data-f="${Math.floor(d.shownAt / 1000)}"${d.version > 1 ? ` data-u="${Math.floor(d.versionAt / 1000)}"` : ''}`;
    return `<li ${since}>${link}<div class="act">${read}${download}</div>${renderSignatureBadge(d.signature, variant.lang, tz)}</li>`;
  }).join('');
  const later = s.later.count && s.later.firstAt
    ? `<p class="meta">${esc(fillText(t.laterDocuments, { n: s.later.count, time: formatTime(s.later.firstAt, tz, variant.lang) }))}</p>`
    : '';
  const list = items ? `<ul>${items}</ul>` : s.later.count ? '' : `<p class="empty">${t.noDocuments}</p>`;
  return `<section>${head}${book}${list}${later}</section>`;
}

export function pageHeader(model: PageModel): string {
  const subtitle = [model.meeting.venue, model.label].filter(Boolean).join(' · ');
  return `<header><h1>${esc(model.meeting.title)}</h1>${subtitle ? `<p>${esc(subtitle)}</p>` : ''}</header>`;
}

/** The delegate page for a code: the session's documents, or the whole agenda for a meeting code. */
export function renderListPage(model: PageModel, token: string, variant: PageVariant, granted: ReadonlySet<string>): string {
  const t = delegateStrings[variant.lang];
  const hint = variant.androidInApp ? `<p class="note">${t.inAppHint}</p>` : '';
  const heading = model.sessions.length > 1 ? `<h2>${t.agenda}</h2>` : '';
  const sections = model.sessions.map((s) => sessionBlock(s, model, token, variant, granted)).join('');
  const book = bookItem(model, token, model.codeSessionId ?? MEETING_BOOK, variant, granted);
  return shell({
    lang: variant.lang, title: model.meeting.title, toggleHref: toggleHref(token, variant.lang), enhance: true,
    body: `${pageHeader(model)}<main>${hint}${book}${heading}${sections}</main>`,
  });
}
