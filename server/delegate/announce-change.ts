import type { AppDeps } from '../app-env';

/**
 * The one thing every organizer write leads to (app.ts calls it after each non-GET /api
 * request, whatever its outcome): the delegate pages built before the change go, here and
 * wherever else they are kept, before the organizer sees the answer — so the very next
 * scan shows the change, and a rotated or revoked code stops at once.
 */
export async function announceChange(deps: Pick<AppDeps, 'pageCache' | 'meetingChanges'>, meetingIds: readonly string[]): Promise<void> {
  deps.pageCache.clear();
  if (meetingIds.length && deps.meetingChanges) await deps.meetingChanges.meetingsChanged(meetingIds);
}
