import type { AppDeps } from '../app-env';
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

/** The code behind a token if the cache has it (no database read, no promise). */
export const cachedCodeView = (deps: AppDeps, token: string) => deps.pageCache.get(`code|${token}`, deps.now()) as CodeView | undefined;

/** The code behind a token with its page model, from the cache or the database. null: unknown, rotated or revoked. */
export async function loadCodeView(deps: AppDeps, token: string): Promise<CodeView | null> {
  const cached = cachedCodeView(deps, token);
  if (cached) return cached;
  const key = `code|${token}`;
  const now = deps.now();

  const resolved = await resolveCode(deps.db, token);
  if (!resolved) return null;
  const model = await buildPageModel(deps.db, resolved, now);
  const view: CodeView = {
    token, meetingId: resolved.meeting.id, codeId: resolved.code.id, label: resolved.code.label, model,
    versions: new Map(model.sessions.flatMap((s) => s.documents.map((d) => [d.id, d.file] as const))),
    validUntil: model.changesAt ?? Number.POSITIVE_INFINITY,
  };
  deps.pageCache.set(key, view);
  return view;
}
