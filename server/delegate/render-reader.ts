import { delegateStrings, fillText, type DelegateLang, type DelegateStrings } from '../../shared/i18n/delegate';
import type { RenditionRow } from '../reader/rendition-rows';
import type { PageDocument } from './page-model';
import { READER_JS_PATH } from './enhance-assets';
import { esc, formatSize, shell, typeLabel } from './page-shell';
import { READER_CSS } from './reader-style';
import { renderCopyNotice, renderSignatureBadge } from '../signatures/render-signature-badge';

export interface ReaderContext {
  lang: DelegateLang;
  /** The reader's own URL (its files are under it): /s/:token/r/:documentId, or the organizer's preview. */
  basePath: string;
  /** Back to the list. */
  listHref: string;
  /** The original (inline; `?download=1` downloads), or null where there is none to offer (the preview). */
  originalHref: string | null;
  meetingTitle: string;
  document: Pick<PageDocument, 'id' | 'title' | 'contentType' | 'size'> & Partial<Pick<PageDocument, 'signature'>>;
  /** The meeting's timezone, for the signing time. */
  timezone?: string;
  version: number;
  /** Where the original opens in the phone's browser (Android in-app browsers only), else null. */
  leaveHref: string | null;
}

export type ReaderBody =
  | { kind: 'pages'; rendition: RenditionRow; pages: { page: number; width: number; height: number }[] }
  | { kind: 'text'; pages: { page: number; text: string }[] }
  | { kind: 'word'; html: string; part: number; parts: number }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'waiting'; rendition: RenditionRow | null }
  | { kind: 'none' };

const base = (c: Pick<ReaderContext, 'basePath'>) => c.basePath;

function originalLinks(c: ReaderContext, t: DelegateStrings, withOpen: boolean): string {
  const href = c.originalHref;
  if (!href) return '';
  const label = fillText(t.originalDownload, { type: typeLabel(c.document.contentType, t), size: formatSize(c.document.size, c.lang, t) });
  const open = withOpen && !c.leaveHref ? `<a href="${href}">${t.openOriginal}</a>` : '';
  // In an in-app browser the original (a PDF, a spreadsheet) may show as nothing: offer the phone's browser.
  const leave = c.leaveHref ? `<a href="${esc(c.leaveHref)}">${t.openOriginalInBrowser}</a>` : '';
  return `${open}<a href="${href}?download=1" download>${esc(label)}</a>${leave}`;
}

/** Page images, lazily loaded after the first two, each with its size so nothing moves while they arrive. */
function pagesBody(c: ReaderContext, t: DelegateStrings, body: Extract<ReaderBody, { kind: 'pages' }>): string {
  const { rendition, pages } = body;
  const total = rendition.sourcePages ?? pages.length;
  const capped = rendition.capped ? `<p class="note">${esc(fillText(t.capped, { n: pages.length, total }))}</p>` : '';
  const figures = pages.map((p) => {
    const src = `${base(c)}/p/${p.page}?v=${c.version}`;
    const attrs = `width="${p.width}" height="${p.height}" alt="${esc(fillText(t.pageAlt, { n: p.page, total }))}" decoding="async"`;
    // Page 1 first and alone; the reader script loads the rest after it, as they come near (see reader-script.ts).
    if (p.page === 1) return `<figure class="pg" id="p1"><img src="${src}" ${attrs} fetchpriority="high"></figure>`;
    return `<figure class="pg" id="p${p.page}"><img data-src="${src}" ${attrs}><noscript><img src="${src}" ${attrs} loading="lazy"></noscript></figure>`;
  }).join('');
  return `${capped}${figures}<p class="tools"><a href="${base(c)}?text=1">${t.textView}</a>${originalLinks(c, t, false)}</p>`;
}

function textBody(c: ReaderContext, t: DelegateStrings, pages: { page: number; text: string }[]): string {
  const sections = pages.map((p) => `<section><h2>${esc(fillText(t.pageHeading, { n: p.page }))}</h2><p>${p.text ? esc(p.text) : esc(t.noText)}</p></section>`).join('');
  return `<p class="tools"><a href="${base(c)}">${t.pagesView}</a></p><div class="txt">${sections}</div><p class="tools">${originalLinks(c, t, false)}</p>`;
}

/**
 * A part of the sanitized Word HTML, made to sit under the page's own heading (h1 → h2…)
 * with its images pointing at their files under this code.
 */
export function placeWordHtml(html: string, c: Pick<ReaderContext, 'basePath' | 'version'>): string {
  return html
    .replace(/<(\/?)h([1-6])>/g, (_, slash: string, n: string) => `<${slash}h${Math.min(6, Number(n) + 1)}>`)
    .replace(/<img src="(img-\d{1,3}\.(?:webp|png|jpg|gif))"/g, (_, name: string) => `<img loading="lazy" src="${base(c)}/f/${name}?v=${c.version}"`)
    // Word images without alternative text are taken as decoration (alt=""), not announced as a file name.
    .replace(/<img (?![^>]*\balt=)/g, '<img alt="" ');
}

function wordBody(c: ReaderContext, t: DelegateStrings, body: Extract<ReaderBody, { kind: 'word' }>): string {
  const { part, parts } = body;
  const partLink = (n: number, label: string) => `<a href="${base(c)}${n === 1 ? '' : `?part=${n}`}">${label}</a>`;
  const nav = parts > 1
    ? `<nav class="parts" aria-label="${esc(fillText(t.partOf, { n: part, total: parts }))}">${part > 1 ? partLink(part - 1, t.prevPart) : '<span></span>'}<span>${esc(fillText(t.partOf, { n: part, total: parts }))}</span>${part < parts ? partLink(part + 1, t.nextPart) : '<span></span>'}</nav>`
    : '';
  return `<article class="word">${placeWordHtml(body.html, c)}</article>${nav}<p class="tools">${originalLinks(c, t, false)}</p>`;
}

function waitingBody(c: ReaderContext, t: DelegateStrings, rendition: RenditionRow | null): string {
  const progress = rendition?.status === 'working' && rendition.sourcePages ? `<p>${esc(fillText(t.preparingPages, { n: rendition.pagesDone, total: Math.min(rendition.sourcePages, 300) }))}</p>` : '';
  return `<div class="note"><h2>${t.preparing}</h2>${progress}<p>${t.preparingHint}</p></div><p class="tools">${originalLinks(c, t, true)}</p>`;
}

/** The reader page: one document readable in the page the delegate is on, whatever the browser. */
export function renderReader(c: ReaderContext, body: ReaderBody): string {
  const t = delegateStrings[c.lang];
  const pagesLine = body.kind === 'pages' ? ` · ${fillText(t.pagesCount, { n: body.rendition.sourcePages ?? body.pages.length })}` : '';
  const header = `<header><a class="back" href="${esc(c.listHref)}">${t.backToList}</a><h1>${esc(c.document.title)}</h1><p>${esc(c.meetingTitle)}${esc(pagesLine)}</p></header>`;
  let main: string;
  let head = '';
  if (body.kind === 'pages') {
    // Without script the placeholders stay empty and hidden; their <noscript> copies show instead.
    head = `<noscript><style>.pg img[data-src]{display:none}</style></noscript><script src="${READER_JS_PATH}" defer></script>`;
    main = pagesBody(c, t, body);
  }
  else if (body.kind === 'text') main = textBody(c, t, body.pages);
  else if (body.kind === 'word') main = wordBody(c, t, body);
  else if (body.kind === 'image') {
    main = `<img class="one" src="${base(c)}/image?v=${c.version}" width="${body.width}" height="${body.height}" alt="${esc(c.document.title)}" fetchpriority="high"><p class="tools">${originalLinks(c, t, false)}</p>`;
  } else if (body.kind === 'waiting') {
    // No script needed: the browser asks again by itself; `wait=1` tells the server it is not a new open.
    head = `<meta http-equiv="refresh" content="4;url=${esc(`${base(c)}?wait=1`)}">`;
    main = waitingBody(c, t, body.rendition);
  } else main = `<div class="note"><p>${t.noReader}</p></div><p class="tools">${originalLinks(c, t, true)}</p>`;
  // A signed original: the badge, and the reminder that these pages are a copy, with the original one tap away.
  const signature = renderSignatureBadge(c.document.signature, c.lang, c.timezone ?? 'Asia/Ho_Chi_Minh')
    + (c.originalHref ? renderCopyNotice(c.document.signature, `${c.originalHref}?download=1`, c.lang) : '');
  const other = c.lang === 'vi' ? 'en' : 'vi';
  return shell({ lang: c.lang, title: c.document.title, css: READER_CSS, head, body: `${header}<main class="rd">${signature}${main}</main>`, toggleHref: `${base(c)}?lang=${other}` });
}
