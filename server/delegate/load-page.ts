import { and, eq, inArray } from 'drizzle-orm';
import { delegateStrings } from '../../shared/i18n/delegate';
import type { AppDeps } from '../app-env';
import { documentVersions, documents } from '../db/schema';
import { gzip, strongEtag, type CachedPage } from './page-cache';
import { buildPageModel } from './page-model';
import { renderListPage, renderMessagePage, type PageVariant } from './render-page';
import { resolveCode } from './resolve-code';
import type { ServedVersion } from './serve-document';

export interface ReadyPage extends CachedPage {
  /** 'list' pages are recorded as views; others are state pages. */
  state: 'list' | 'not_open' | 'closed';
  versions: Map<string, ServedVersion>;
}

const encoder = new TextEncoder();

/**
 * The rendered page for a token, from the cache or freshly built (and cached).
 * null when the token is unknown, rotated or revoked.
 */
export async function loadPage(deps: AppDeps, token: string, variant: PageVariant): Promise<ReadyPage | null> {
  const key = `${token}|${variant.lang}|${variant.androidInApp ? 'a' : ''}`;
  const now = deps.now();
  const cached = deps.pageCache.get(key, now) as ReadyPage | undefined;
  if (cached) return cached;

  const resolved = await resolveCode(deps.db, token);
  if (!resolved) return null;
  const model = await buildPageModel(deps.db, resolved, now);
  const t = delegateStrings[variant.lang];
  const toggle = `/s/${token}?lang=${variant.lang === 'vi' ? 'en' : 'vi'}`;
  const html = model.state === 'list'
    ? renderListPage(model, token, variant)
    : model.state === 'not_open'
      ? renderMessagePage(variant.lang, t.notOpenTitle, t.notOpenText, toggle, model.meeting.title)
      : renderMessagePage(variant.lang, t.closedTitle, t.closedText, toggle, model.meeting.title);

  const documentIds = new Set(model.sessions.flatMap((s) => s.documents.map((d) => d.id)));
  const versionRows = documentIds.size
    ? await deps.db
        .select({ id: documents.id, storageKey: documentVersions.storageKey, filename: documentVersions.filename, contentType: documentVersions.contentType, size: documentVersions.size, etag: documentVersions.etag })
        .from(documents)
        .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
        .where(inArray(documents.id, [...documentIds]))
    : [];
  const bytes = encoder.encode(html);
  const page: ReadyPage = {
    state: model.state,
    etag: await strongEtag(bytes),
    html: bytes,
    gzip: await gzip(bytes),
    ...(deps.brotli && { br: deps.brotli(bytes) }),
    meetingId: resolved.meeting.id,
    codeId: resolved.code.id,
    sessionId: resolved.code.sessionId,
    label: resolved.code.label,
    documentIds,
    versions: new Map(versionRows.map(({ id, ...v }) => [id, v])),
    validUntil: model.changesAt ?? Number.POSITIVE_INFINITY,
  };
  deps.pageCache.set(key, page);
  return page;
}
