import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentVersions } from '../db/schema';
import { enqueueStatements } from '../jobs/enqueue-job';
import { JobFailure, type JobHandler } from '../jobs/job-handler';
import { pdfPageCount } from '../reader/pdf-page-count';
import type { ObjectStore } from '../storage/object-store';

export const COUNT_PAGES = 'count-pages';
const PDF = 'application/pdf';

/**
 * The `count-pages` job: subject = document id, payload = { version }. Stores the PDF's page
 * count on its version (the report's paper figures), read with pdf-lib in the background,
 * never on the report's request path. `maxBytes`: pdf-lib holds the whole file in memory
 * (a Worker has 128 MB); a bigger or unreadable file keeps no count (the report names it,
 * or uses its phone rendition's count).
 */
export function countPagesJob(store: ObjectStore, options: { maxBytes: number }): JobHandler {
  return {
    timeLimitMs: 20_000,
    run: async (job, { db }) => {
      const version = Number((JSON.parse(job.payload) as { version?: unknown }).version);
      if (!Number.isInteger(version)) throw new JobFailure('bad_payload', job.payload);
      const where = and(eq(documentVersions.documentId, job.subject), eq(documentVersions.version, version));
      const [row] = await db.select({ key: documentVersions.storageKey, size: documentVersions.size, type: documentVersions.contentType }).from(documentVersions).where(where);
      if (!row || row.type !== PDF) return; // deleted since, or not a PDF
      const pages = await pdfPageCount(store, row.key, row.size, options.maxBytes);
      if (pages !== null) await db.update(documentVersions).set({ pageCount: pages }).where(where);
    },
  };
}

/** The statements that queue the count of a new version, for the batch that writes the version (PDFs only). */
export function pageCountStatements(db: Db, version: { documentId: string; version: number; contentType: string }, now: number) {
  if (version.contentType !== PDF) return [];
  return enqueueStatements(db, { kind: COUNT_PAGES, subject: version.documentId, payload: { version: version.version } }, now);
}
