import type { AppDeps } from '../app-env';
import { queueBookBuilds } from './queue-book-builds';

/**
 * The one thing every organizer write leads to (app.ts calls it after each non-GET /api
 * request, whatever its outcome): the delegate pages built before the change go, here and
 * wherever else they are kept, before the organizer sees the answer — so the very next
 * scan shows the change, and a rotated or revoked code stops at once. The meetings' books
 * are queued for a rebuild here too (in the background: never on a delegate's request).
 */
export async function announceChange(deps: Pick<AppDeps, 'pageCache' | 'meetingChanges' | 'db' | 'now' | 'jobs'>, meetingIds: readonly string[]): Promise<void> {
  deps.pageCache.clear();
  if (meetingIds.length && deps.meetingChanges) await deps.meetingChanges.meetingsChanged(meetingIds);
  // The organizer's change is saved whatever happens here: a queue that cannot be written to
  // (database busy) must not turn it into an error. The books catch up at the next change or start.
  await queueBookBuilds(deps, meetingIds).catch((error: unknown) => console.error('books: could not queue a rebuild', error));
}
