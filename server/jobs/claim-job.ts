import { and, asc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { jobs } from '../db/schema';
import type { JobRow } from './job-handler';

/**
 * Takes the next job of one of `kinds` that is due: a queued one, or a running one whose
 * lease ran out (its runner died). The update is conditional on the row being unchanged,
 * so two runners never take the same job (no transaction needed: works on D1 too).
 */
export async function claimNextJob(db: Db, kinds: string[], now: number, leaseMs: (kind: string) => number): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const at = new Date(now);
  for (let tries = 0; tries < 5; tries++) {
    const [candidate] = await db.select().from(jobs)
      .where(and(inArray(jobs.kind, kinds), or(and(eq(jobs.status, 'queued'), lte(jobs.runAfter, at)), and(eq(jobs.status, 'running'), lt(jobs.leaseUntil, at)))))
      .orderBy(asc(jobs.runAfter), asc(jobs.createdAt))
      .limit(1);
    if (!candidate) return null;
    const [claimed] = await db.update(jobs)
      .set({ status: 'running', attempts: candidate.attempts + 1, leaseUntil: new Date(now + leaseMs(candidate.kind)), startedAt: at })
      .where(and(eq(jobs.id, candidate.id), eq(jobs.status, candidate.status), eq(jobs.attempts, candidate.attempts)))
      .returning();
    if (claimed) return claimed;
  }
  return null;
}

export async function markDone(db: Db, id: string, now: number) {
  await db.update(jobs).set({ status: 'done', leaseUntil: null, finishedAt: new Date(now), error: null, errorDetail: null }).where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export async function markFailed(db: Db, id: string, now: number, error: string, detail: string) {
  await db.update(jobs).set({ status: 'failed', leaseUntil: null, finishedAt: new Date(now), error, errorDetail: detail.slice(0, 2000) })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

/** Back to the queue, due at `runAfter`. `refund`: the run does not count (the runner stopped it). */
export async function markRetry(db: Db, job: JobRow, runAfter: number, error: string, detail: string, refund = false) {
  await db.update(jobs).set({
    status: 'queued', leaseUntil: null, runAfter: new Date(runAfter), error, errorDetail: detail.slice(0, 2000),
    ...(refund && { attempts: Math.max(0, job.attempts - 1) }),
  }).where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
}

/**
 * Puts every running job back in the queue. Only for a runner that is the single one on
 * its database (the Node server owns its SQLite file): at its start, a job still marked
 * running belongs to a process that is gone, and waiting for its lease would only delay it.
 */
export async function requeueRunning(db: Db, kinds: string[], now: number): Promise<number> {
  if (kinds.length === 0) return 0;
  const rows = await db.update(jobs).set({ status: 'queued', leaseUntil: null, runAfter: new Date(now) })
    .where(and(eq(jobs.status, 'running'), inArray(jobs.kind, kinds))).returning({ id: jobs.id });
  return rows.length;
}

/** Finished jobs older than `before` (their outcome lives on their subject, e.g. the rendition row). */
export async function purgeFinishedJobs(db: Db, before: number) {
  await db.delete(jobs).where(and(inArray(jobs.status, ['done', 'superseded', 'failed']), lt(jobs.finishedAt, new Date(before))));
}
