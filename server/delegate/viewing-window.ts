import { delegateStrings, fillText, type DelegateLang } from '../../shared/i18n/delegate';
import type { PageModel } from './page-model';
import type { ViewingWindow } from '../../shared/viewing-window';
import { formatTime } from './page-shell';
import { pageHeader, toggleHref } from './render-page';
import { renderMessagePage } from './render-state-page';

export { viewingWindowOf, type ViewingWindow } from '../../shared/viewing-window';

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive). */
export function windowStateAt(window: ViewingWindow, now: number): 'before' | 'open' | 'after' {
  if (window.opensAt !== null && now < window.opensAt) return 'before';
  if (window.closesAt !== null && now >= window.closesAt) return 'after';
  return 'open';
}

/** The next window edge after `now` (a cached page must not outlive it), or null. */
export function nextWindowEdge(window: ViewingWindow, now: number): number | null {
  const edges = [window.opensAt, window.closesAt].filter((t): t is number => t !== null && t > now);
  return edges.length ? Math.min(...edges) : null;
}

export interface WindowRefusal {
  state: 'not_open' | 'closed';
  /** The page answers 200 before the window (it refreshes itself); 410 after. */
  status: 200 | 410;
  html: string;
}

/**
 * THE window check: every delegate route of a code goes through it — the page (load-page.ts
 * renderFor), and through documentAccess the originals, the reader and its files, and the
 * PIN form — so a route added under /s/:token (the meeting book) gets it by asking
 * documentAccess or this function. null: inside the window.
 * Checked against the clock on every request, not only when the model was built.
 */
export function windowRefusal(model: PageModel, token: string, lang: DelegateLang, now: number): WindowRefusal | null {
  const state = windowStateAt(model.window, now);
  if (state === 'open') return null;
  const t = delegateStrings[lang];
  const tz = model.meeting.timezone;
  const options = { header: pageHeader(model), enhance: state === 'before' };
  if (state === 'before') {
    const lines = [fillText(t.windowOpensAt, { time: formatTime(new Date(model.window.opensAt!), tz, lang) }), t.refreshHint];
    return { state: 'not_open', status: 200, html: renderMessagePage(lang, t.windowNotOpenTitle, lines, toggleHref(token, lang), options) };
  }
  const lines = [fillText(t.windowClosedAt, { time: formatTime(new Date(model.window.closesAt!), tz, lang) }), ...(model.window.note ? [model.window.note] : [])];
  return { state: 'closed', status: 410, html: renderMessagePage(lang, t.windowClosedTitle, lines, toggleHref(token, lang), options) };
}
