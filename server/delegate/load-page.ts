import type { AppDeps } from '../app-env';
import type { CodeView } from './load-code-view';
import { contentHash, gzip, type Expiring } from './page-cache';
import { renderListPage, type PageVariant } from './render-page';
import { windowRefusal } from './viewing-window';
import { renderClosedPage, renderNotOpenPage, renderNotReleasedPage, renderPinPage } from './render-state-page';

export type PageState = 'list' | 'not_released' | 'not_open' | 'closed' | 'pin';

/** A rendered page, ready to send in any encoding. */
export interface ReadyPage extends Expiring {
  state: PageState;
  status: number;
  etag: string;
  html: Uint8Array;
  gzip: Uint8Array;
  br?: Uint8Array;
}

const encoder = new TextEncoder();

/** What this device sees through the code: the list, or the state page that stands in for it. */
export function renderFor(view: CodeView, variant: PageVariant, granted: ReadonlySet<string>, now: number): { state: PageState; status: number; html: string } {
  const { model, token } = view;
  if (model.state === 'closed') return { state: 'closed', status: 410, html: renderClosedPage(model, token, variant.lang) };
  if (model.state === 'not_open') return { state: 'not_open', status: 200, html: renderNotOpenPage(model, token, variant) };
  const outside = windowRefusal(model, token, variant.lang, now);
  if (outside) return outside;
  const own = model.codeSessionId ? model.sessions[0] : undefined;
  if (own?.pinHash && !granted.has(own.id)) return { state: 'pin', status: 200, html: renderPinPage(model, token, variant.lang, own.id) };
  if (own && own.documents.length === 0 && own.later.firstAt) {
    return { state: 'not_released', status: 200, html: renderNotReleasedPage(model, own.later.firstAt, token, variant) };
  }
  return { state: 'list', status: 200, html: renderListPage(model, token, variant, granted) };
}

/**
 * The page's bytes with its content hash in `data-v` (also its ETag), gzip and brotli:
 * compressed once, sent many times.
 */
export async function preparePage(deps: Pick<AppDeps, 'brotli'>, rendered: { state: PageState; status: number; html: string }, validUntil: number): Promise<ReadyPage> {
  const version = await contentHash(encoder.encode(rendered.html));
  // data-v="" sits in the <html> tag, before any content: the first match is the one.
  const bytes = encoder.encode(rendered.html.replace('data-v=""', `data-v="${version}"`));
  return {
    state: rendered.state, status: rendered.status, etag: `"${version}"`, html: bytes, gzip: await gzip(bytes),
    ...(deps.brotli && { br: deps.brotli(bytes) }),
    validUntil,
  };
}

const pageKey = (view: CodeView, variant: PageVariant, granted: ReadonlySet<string>) =>
  `page|${view.token}|${variant.lang}|${variant.androidInApp ? variant.origin : ''}|${granted.size ? [...granted].sort().join(',') : ''}`;

/** The rendered page if the cache has it (no rendering, no promise). */
export const cachedPage = (deps: AppDeps, view: CodeView, variant: PageVariant, granted: ReadonlySet<string>) =>
  deps.pageCache.get(pageKey(view, variant, granted), deps.now()) as ReadyPage | undefined;

/** The rendered page for a code, language, variant and set of PIN grants: cached, or built and cached. */
export async function loadPage(deps: AppDeps, view: CodeView, variant: PageVariant, granted: ReadonlySet<string>): Promise<ReadyPage> {
  const cached = cachedPage(deps, view, variant, granted);
  if (cached) return cached;
  const key = pageKey(view, variant, granted);
  const page = await preparePage(deps, renderFor(view, variant, granted, deps.now()), view.validUntil);
  deps.pageCache.set(key, page);
  return page;
}
