import { appendedChangeWords, signatureLabels, signatureReasonText, signatureStatusWords, type SignatureLang } from '../../shared/i18n/signature-words';
import type { SignatureBadge } from './signature-badge';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Styles for the badge, added to the page's inline CSS (about 0.5 KB). Colours pass WCAG AA on their backgrounds. */
export const SIGNATURE_CSS = `.sig{flex-basis:100%;border-top:1px solid #c9cdd4;font-size:.88rem;border-radius:0 0 9px 9px;overflow:hidden}.sig summary{padding:10px 12px;min-height:44px;cursor:pointer;color:#0d5c2e;font-weight:600}
.sig.warn summary{color:#8a1c00;background:#fff1ec}.sig.plain summary{color:#4a4f57}.sig dl{margin:0;padding:0 12px 10px;display:grid;grid-template-columns:auto 1fr;gap:2px 10px}
.sig dt{color:#4a4f57}.sig dd{margin:0;overflow-wrap:anywhere}.copy{background:#fff;border-left:4px solid #8a5a00;padding:10px 12px;border-radius:6px;margin:8px}.copy a{color:#0b3d91;font-weight:600}
.rd>.sig{background:#fff;margin:8px;border:1px solid #c9cdd4;border-radius:10px}`;

function when(iso: string | undefined, timezone: string, lang: SignatureLang, withTime = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (!Number.isFinite(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

/** The one-line summary: "Đã ký số · UBND huyện Gio Linh · 09:00 01/12/2026", or the warning. */
export function signatureSummary(badge: SignatureBadge, lang: SignatureLang, timezone: string): string {
  const word = signatureStatusWords[lang][badge.status];
  if (badge.status === 'invalid' || badge.status === 'modified' || badge.status === 'unverifiable') return word;
  return [word, badge.organization, when(badge.time, timezone, lang)].filter(Boolean).join(' · ');
}

/**
 * The badge with its details on tap, as a `<details>` element: works without JavaScript.
 * Green for a trusted signature, a warning colour for an invalid or changed one, grey otherwise.
 */
export function renderSignatureBadge(badge: SignatureBadge | undefined, lang: SignatureLang, timezone: string): string {
  if (!badge) return '';
  const l = signatureLabels[lang];
  const tone = badge.status === 'trusted' ? '' : badge.status === 'invalid' || badge.status === 'modified' ? ' warn' : ' plain';
  const mark = badge.status === 'trusted' ? '✓ ' : badge.status === 'invalid' || badge.status === 'modified' ? '⚠ ' : '';
  const rows: [string, string][] = [];
  if (badge.signer) rows.push([l.signer, badge.signer]);
  if (badge.organization && badge.organization !== badge.signer) rows.push([l.organization, badge.organization]);
  if (badge.time) rows.push([l.time, when(badge.time, timezone, lang)]);
  if (badge.issuer) rows.push([l.issuer, badge.issuer]);
  if (badge.validTo) rows.push([l.validUntil, when(badge.validTo, timezone, lang, false)]);
  rows.push([l.trust, badge.trusted && badge.status !== 'invalid' ? l.trustedYes : l.trustedNo]);
  if (badge.changes?.length) rows.push([l.changes, badge.changes.map((c) => appendedChangeWords[lang][c] ?? c).join('; ')]);
  if (badge.reason && badge.status !== 'trusted') rows.push([l.why, signatureReasonText(lang, badge.reason, badge.reasonDetail)]);
  const list = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  return `<details class="sig${tone}"><summary>${mark}${esc(signatureSummary(badge, lang, timezone))}</summary><dl>${list}</dl></details>`;
}

/**
 * For pages that show a copy (the phone reader's page images or text): the signature lives in
 * the original, which is linked for download byte for byte.
 */
export function renderCopyNotice(badge: SignatureBadge | undefined, originalHref: string, lang: SignatureLang): string {
  if (!badge) return '';
  const l = signatureLabels[lang];
  return `<p class="copy">${esc(l.copyNotice)} <a href="${esc(originalHref)}" download>${esc(l.downloadOriginal)}</a></p>`;
}
