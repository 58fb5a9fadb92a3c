import type { AppDeps } from '../app-env';
import { enqueueJob } from '../jobs/enqueue-job';

/** The job kind that (re)builds a meeting's books (server/books/build-books-job.ts). */
export const BUILD_BOOKS = 'build-books';

/**
 * Queues a rebuild of each meeting's books (meeting-wide and per session). Called by
 * announceChange after every organizer write, so no write path can forget it; the job
 * compares each book's inputs hash and rebuilds only what changed, so a write that changes
 * nothing in the books (a code label, a PIN) costs a few reads. A burst of writes collapses
 * into one run: a newer queued job supersedes the waiting one.
 */
export async function queueBookBuilds(deps: Pick<AppDeps, 'db' | 'now' | 'jobs'>, meetingIds: readonly string[], runAfter?: number, subjectSuffix = ''): Promise<void> {
  for (const meetingId of meetingIds) {
    await enqueueJob(deps.db, { kind: BUILD_BOOKS, subject: meetingId + subjectSuffix, payload: { meetingId }, runAfter }, deps.now());
  }
  if (meetingIds.length) deps.jobs?.wake();
}
