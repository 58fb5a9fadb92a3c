import type { AppSettings } from '../app-env';
import type { Db } from '../db/database';
import { readStoredBaseUrl } from './stored-base-url';

/** Where the base URL came from: PUBLIC_URL, the console, a guess at start-up, or the request. */
export type BaseUrlSource = 'env' | 'stored' | 'guessed' | 'request';

export interface ResolvedBaseUrl {
  url: string;
  source: BaseUrlSource;
}

/**
 * The base URL the QR codes encode, in order of precedence: `PUBLIC_URL` (operators who
 * set it mean it), the address an admin stored in the console (so it no longer depends on
 * which network adapter came first), the entry's guess (Node: the first LAN address), and
 * last the origin this request came to.
 */
export async function resolveBaseUrl(db: Db, settings: AppSettings, requestOrigin: string): Promise<ResolvedBaseUrl> {
  if (settings.publicUrl) return { url: settings.publicUrl, source: 'env' };
  const stored = await readStoredBaseUrl(db);
  if (stored) return { url: stored, source: 'stored' };
  if (settings.guessedPublicUrl) return { url: settings.guessedPublicUrl, source: 'guessed' };
  return { url: requestOrigin, source: 'request' };
}
