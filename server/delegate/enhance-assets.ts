import { LIVE_JS } from './live-script';
import { SERVICE_WORKER_JS } from './service-worker-script';

/**
 * The page's progressive enhancement (fresh list, offline copies) is loaded by a
 * hidden same-origin frame rather than a <script> in the page: the page itself stays
 * pure server-rendered HTML (the core contract checks it carries no script), works
 * unchanged with JavaScript off, and needs no CSP exception. The frame and its script
 * have content-hashed names and are cached for a year, so after the first visit they
 * cost nothing; they load after the list is on screen and never delay it.
 */

/** FNV-1a, 2 × 32 bits: a stable cache-busting name for constant text (not a security hash). */
function nameHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193) >>> 0;
    b = Math.imul(b ^ ch, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}

const LIVE_JS_PATH = `/s/_/live.${nameHash(LIVE_JS)}.js`;
const FRAME_HTML = `<!doctype html><meta charset="utf-8"><title>QRHop</title><script src="${LIVE_JS_PATH}"></script>`;

/** What the page embeds (a path under /s/_/, which no token can take: tokens are 16+ characters). */
export const ENHANCE_FRAME_PATH = `/s/_/live.${nameHash(FRAME_HTML)}.html`;
export const SERVICE_WORKER_PATH = '/s/_/sw.js';

const YEAR = 'public, max-age=31536000, immutable';

export interface EnhanceAsset {
  body: string;
  headers: Record<string, string>;
}

/** The assets by path: served from memory, never from disk. */
export const enhanceAssets = new Map<string, EnhanceAsset>([
  [ENHANCE_FRAME_PATH, {
    body: FRAME_HTML,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': YEAR,
      // The one page of ours meant to be framed, and only by our own pages.
      'X-Frame-Options': 'SAMEORIGIN',
      'Content-Security-Policy': "default-src 'none'; script-src 'self'; connect-src 'self'; worker-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
    },
  }],
  [LIVE_JS_PATH, { body: LIVE_JS, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': YEAR } }],
  [SERVICE_WORKER_PATH, {
    body: SERVICE_WORKER_JS,
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Browsers check a worker for updates anyway; no-cache makes a new version reach phones at once.
      'Cache-Control': 'no-cache',
      // The worker lives under /s/_/ but serves every code's page and documents.
      'Service-Worker-Allowed': '/s/',
    },
  }],
]);
