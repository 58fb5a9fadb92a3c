import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentVersions } from '../db/schema';
import { enqueueStatements } from '../jobs/enqueue-job';
import { JobFailure, type JobHandler } from '../jobs/job-handler';
import { pdfPageCount } from '../reader/pdf-page-count';
import type { ObjectStore } from '../storage/object-store';

export const COUNT_PAGES = 'count-pages';
const PDF = 'application/pdf';

/** Counts a stored PDF's pages; null when it is too big for the counter or does not parse. */
export type PageCounter = (key: string, size: number) => Promise<number | null>;

/** The counter that reads the file with pdf-lib in this process (Workers: `maxBytes` for 128 MB). */
export const pdfLibPageCounter = (store: ObjectStore, maxBytes: number): PageCounter =>
  (key, size) => pdfPageCount(store, key, size, maxBytes);

/**
 * The `count-pages` job: subject = document id, payload = { version }. Stores the PDF's page
 * count on its version (the report's paper figures), in the background, never on the
 * report's request path. A file the counter cannot read keeps no count (the report names it,
 * or uses its phone rendition's count). The Node server counts in a child process (pdfinfo):
 * pdf-lib parsing a large or broken file synchronously would stall every delegate's request.
 */
export function countPagesJob(count: PageCounter): JobHandler {
  return {
    timeLimitMs: 20_000,
    run: async (job, { db }) => {
      const version = Number((JSON.parse(job.payload) as { version?: unknown }).version);
      if (!Number.isInteger(version)) throw new JobFailure('bad_payload', job.payload);
      const where = and(eq(documentVersions.documentId, job.subject), eq(documentVersions.version, version));
      const [row] = await db.select({ key: documentVersions.storageKey, size: documentVersions.size, type: documentVersions.contentType }).from(documentVersions).where(where);
      if (!row || row.type !== PDF) return; // deleted since, or not a PDF
      const pages = await count(row.key, row.size);
      if (pages !== null) await db.update(documentVersions).set({ pageCount: pages }).where(where);
    },
  };
}

/** The statements that queue the count of a new version, for the batch that writes the version (PDFs only). */
export function pageCountStatements(db: Db, version: { documentId: string; version: number; contentType: string }, now: number) {
  if (version.contentType !== PDF) return [];
  return enqueueStatements(db, { kind: COUNT_PAGES, subject: version.documentId, payload: { version: version.version } }, now);
}
