import { and, eq } from 'drizzle-orm';
import { runBatch, type Db } from '../db/database';
import { jobs } from '../db/schema';
import { newId } from '../ids';

export interface NewJob {
  kind: string;
  subject: string;
  payload?: Record<string, unknown>;
  /** Not before this time (ms; default now): a book rebuilt when a document's release time comes. */
  runAfter?: number;
}

/**
 * The statements that queue a job, to run in the same batch as the change that calls
 * for it (a new document version and its rendition job are written together or not at
 * all). A job of the same kind and subject still waiting is superseded: only the newest
 * version's work is worth doing. A running one finishes; its handler sees it is stale.
 */
export function enqueueStatements(db: Db, job: NewJob, now: number) {
  const at = new Date(now);
  return [
    db.update(jobs).set({ status: 'superseded', finishedAt: at })
      .where(and(eq(jobs.kind, job.kind), eq(jobs.subject, job.subject), eq(jobs.status, 'queued'))),
    db.insert(jobs).values({ id: newId(), kind: job.kind, subject: job.subject, payload: JSON.stringify(job.payload ?? {}), runAfter: new Date(job.runAfter ?? now), createdAt: at }),
  ];
}

export async function enqueueJob(db: Db, job: NewJob, now: number): Promise<void> {
  await runBatch(db, enqueueStatements(db, job, now));
}

/** Jobs of a kind about these subjects that are not finished (for status displays). */
export async function pendingJobs(db: Db, kind: string, subject: string) {
  return (await db.select().from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.subject, subject))))
    .filter((j) => j.status === 'queued' || j.status === 'running');
}
