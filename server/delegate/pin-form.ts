import { delegateStrings, type DelegateLang } from '../../shared/i18n/delegate';
import { esc } from './page-shell';

/** The PIN form: a plain POST, so it works with JavaScript off; a numeric keypad on phones. */
export function pinForm(token: string, lang: DelegateLang, sessionId: string | null, error?: string): string {
  const t = delegateStrings[lang];
  const id = `pin${sessionId ? `-${sessionId}` : ''}`;
  return `<form method="post" action="/s/${encodeURIComponent(token)}/pin">` +
    (error ? `<p class="err" role="alert" id="${id}-err">${esc(error)}</p>` : '') +
    (sessionId ? `<input type="hidden" name="session" value="${esc(sessionId)}">` : '') +
    `<label for="${id}">${t.pinLabel}</label><input id="${id}" name="pin" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="one-time-code" minlength="4" maxlength="8" required${error ? ` aria-describedby="${id}-err" aria-invalid="true"` : ''}>` +
    `<button type="submit">${t.pinSubmit}</button></form>`;
}
