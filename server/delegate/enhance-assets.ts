import { LIVE_JS_TEMPLATE, SEEN_JS } from './live-script';
import { READER_JS } from './reader-script';
import { SERVICE_WORKER_JS } from './service-worker-script';

/**
 * The page's progressive enhancement (fresh list, offline copies) is one external,
 * deferred script: the page stays server-rendered HTML that works unchanged with
 * JavaScript off, and carries no inline script, so the CSP needs no exception
 * (script-src 'self'). The script has a content-hashed name and is cached for a
 * year, so after the first visit it costs nothing; it runs after the list is on
 * screen and never delays it.
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

/** What the page loads (a path under /s/_/, which no token can take: tokens are 16+ characters). */
export const SEEN_JS_PATH = `/s/_/seen.${nameHash(SEEN_JS)}.js`;
// The live script names the badge script it loads: a new badge script gives the live script a new name too.
const LIVE_JS = LIVE_JS_TEMPLATE.replace('SEEN_JS_PATH', SEEN_JS_PATH);
export const LIVE_JS_PATH = `/s/_/live.${nameHash(LIVE_JS)}.js`;
export const SERVICE_WORKER_PATH = '/s/_/sw.js';
export const READER_JS_PATH = `/s/_/reader.${nameHash(READER_JS)}.js`;

const YEAR = 'public, max-age=31536000, immutable';

export interface EnhanceAsset {
  body: string;
  headers: Record<string, string>;
}

/** The assets by path: served from memory, never from disk. */
export const enhanceAssets = new Map<string, EnhanceAsset>([
  [LIVE_JS_PATH, { body: LIVE_JS, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': YEAR } }],
  [SEEN_JS_PATH, { body: SEEN_JS, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': YEAR } }],
  [READER_JS_PATH, { body: READER_JS, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': YEAR } }],
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
