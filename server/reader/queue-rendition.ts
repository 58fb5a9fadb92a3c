import type { Db } from '../db/database';
import { renditions } from '../db/schema';
import { enqueueStatements } from '../jobs/enqueue-job';
import { renditionRoute } from './rendition-plan';

export const RENDER_DOCUMENT = 'render-document';

/**
 * The statements that ask for a version's rendition: a 'waiting' row the console shows at
 * once, and the job (superseding one still queued for an older version). They go in the
 * same batch as the version's own rows, so a stored version always has its job. None for
 * types the phone opens as they are (text).
 */
export function renditionStatements(db: Db, documentId: string, version: number, contentType: string, now: number) {
  if (!renditionRoute(contentType)) return [];
  return [
    db.insert(renditions).values({ documentId, version, status: 'waiting', updatedAt: new Date(now) }).onConflictDoNothing(),
    ...enqueueStatements(db, { kind: RENDER_DOCUMENT, subject: documentId, payload: { version } }, now),
  ];
}
