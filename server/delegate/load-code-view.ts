import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../app-env';
import { documentVersions, documents } from '../db/schema';
import type { Expiring } from './page-cache';
import { buildPageModel, type PageModel } from './page-model';
import { resolveCode } from './resolve-code';
import type { ServedVersion } from './serve-document';

/** Everything a delegate request needs to know about a code, without touching the database again. */
export interface CodeView extends Expiring {
  token: string;
  meetingId: string;
  codeId: string;
  label: string | null;
  model: PageModel;
  /** The stored file of each document the page may list (any session, PIN or not). */
  versions: Map<string, ServedVersion>;
}

/** The code behind a token with its page model, from the cache or the database. null: unknown, rotated or revoked. */
export async function loadCodeView(deps: AppDeps, token: string): Promise<CodeView | null> {
  const key = `code|${token}`;
  const now = deps.now();
  const cached = deps.pageCache.get(key, now) as CodeView | undefined;
  if (cached) return cached;

  const resolved = await resolveCode(deps.db, token);
  if (!resolved) return null;
  const model = await buildPageModel(deps.db, resolved, now);
  const ids = new Set(model.sessions.flatMap((s) => s.documents.map((d) => d.id)));
  // The meeting's current versions, filtered here: one bound parameter however many documents (D1 binds at most 100).
  const rows = ids.size
    ? (await deps.db
        .select({ id: documents.id, storageKey: documentVersions.storageKey, filename: documentVersions.filename, contentType: documentVersions.contentType, size: documentVersions.size, etag: documentVersions.etag })
        .from(documents)
        .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
        .where(eq(documents.meetingId, resolved.meeting.id))).filter((r) => ids.has(r.id))
    : [];
  const view: CodeView = {
    token, meetingId: resolved.meeting.id, codeId: resolved.code.id, label: resolved.code.label, model,
    versions: new Map(rows.map(({ id, ...v }) => [id, v])),
    validUntil: model.changesAt ?? Number.POSITIVE_INFINITY,
  };
  deps.pageCache.set(key, view);
  return view;
}
