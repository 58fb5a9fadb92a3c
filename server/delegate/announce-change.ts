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
  await queueBookBuilds(deps, meetingIds);
}
