import { delegateStrings, fillText, type DelegateLang } from '../../shared/i18n/delegate';
import type { PageModel } from './page-model';
import { esc, formatDay, formatTime, shell } from './page-shell';
import { pinForm } from './pin-form';
import { pageHeader, toggleHref, type PageVariant } from './render-page';
import { roomLabel } from '../../shared/room-label';

/**
 * A page where there is no list: under the meeting's name when known (the title then
 * heads the box), or with the title itself as the page heading.
 */
export function renderMessagePage(lang: DelegateLang, title: string, lines: string[], toggle: string, options: { header?: string; enhance?: boolean; action?: { href: string; label: string } } = {}): string {
  const text = lines.map((l) => `<p>${esc(l)}</p>`).join('') + (options.action ? `<p><a href="${esc(options.action.href)}">${esc(options.action.label)}</a></p>` : '');
  const body = options.header
    ? `${options.header}<main><div class="note"><h2>${esc(title)}</h2>${text}</div></main>`
    : `<header><h1>${esc(title)}</h1></header><main><div class="note">${text}</div></main>`;
  return shell({ lang, title, body, toggleHref: toggle, enhance: options.enhance });
}

export function renderNotFoundPage(lang: DelegateLang, token: string): string {
  const t = delegateStrings[lang];
  return renderMessagePage(lang, t.notFoundTitle, [t.notFoundText], toggleHref(token, lang));
}

/** The meeting is still a draft: say when it is planned, and update by itself once published. */
export function renderNotOpenPage(model: PageModel, token: string, variant: PageVariant): string {
  const t = delegateStrings[variant.lang];
  const session = model.codeSessionId ? model.sessions[0] : undefined;
  const when = session?.startsAt
    ? formatTime(session.startsAt, model.meeting.timezone, variant.lang)
    : model.meeting.startsOn ? formatDay(model.meeting.startsOn) : null;
  const lines = [t.notOpenText, ...(when ? [fillText(t.startsAt, { time: when })] : [])];
  return renderMessagePage(variant.lang, t.notOpenTitle, lines, toggleHref(token, variant.lang), { header: pageHeader(model), enhance: true });
}

/** Published, but every document of the code's session is still before its release time. */
export function renderNotReleasedPage(model: PageModel, releaseAt: Date, token: string, variant: PageVariant): string {
  const t = delegateStrings[variant.lang];
  const time = formatTime(releaseAt, model.meeting.timezone, variant.lang);
  const session = model.sessions[0];
  const title = session ? `${t.notReleasedTitle}: ${session.title}` : t.notReleasedTitle;
  return renderMessagePage(variant.lang, title, [fillText(t.releaseAt, { time }), t.refreshHint], toggleHref(token, variant.lang), { header: pageHeader(model), enhance: true });
}

export function renderClosedPage(model: PageModel, token: string, lang: DelegateLang): string {
  const t = delegateStrings[lang];
  return renderMessagePage(lang, t.closedTitle, [t.closedText], toggleHref(token, lang), { header: pageHeader(model) });
}

/** The PIN page of one session (the code's own, or one of a meeting code's agenda), for a device without a grant. */
export function renderPinPage(model: PageModel, token: string, lang: DelegateLang, sessionId: string, error?: string): string {
  const t = delegateStrings[lang];
  const session = model.sessions.find((s) => s.id === sessionId);
  const when = session?.startsAt ? formatTime(session.startsAt, model.meeting.timezone, lang) : '';
  const meta = [when, roomLabel(session?.room ?? '', t.room)].filter(Boolean).join(' · ');
  const form = pinForm(token, lang, model.codeSessionId ? null : sessionId, error);
  const body = `${pageHeader(model)}<main><div class="note"><h2>${esc(session?.title ?? t.pinTitle)}</h2>${meta ? `<p>${esc(meta)}</p>` : ''}<p>${t.pinText}</p>${form}</div></main>`;
  return shell({ lang, title: t.pinTitle, body, toggleHref: toggleHref(token, lang) });
}
