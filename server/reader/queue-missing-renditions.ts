import { and, eq, isNull } from 'drizzle-orm';
import { runBatch, type Db } from '../db/database';
import { documentVersions, documents, renditions } from '../db/schema';
import { renditionStatements } from './queue-rendition';

/**
 * Queues a rendition for every current document version that has none: documents uploaded
 * before the reader existed, and a restored backup (renditions are rebuilt, not backed up).
 * Run at the Node server's start; returns how many were queued.
 */
export async function queueMissingRenditions(db: Db, now: number): Promise<number> {
  const missing = await db.select({ id: documents.id, version: documents.currentVersion, contentType: documentVersions.contentType })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .leftJoin(renditions, and(eq(renditions.documentId, documents.id), eq(renditions.version, documents.currentVersion)))
    .where(isNull(renditions.documentId));
  let queued = 0;
  for (const doc of missing) {
    const statements = renditionStatements(db, doc.id, doc.version, doc.contentType, now);
    if (!statements.length) continue;
    await runBatch(db, statements);
    queued++;
  }
  return queued;
}
