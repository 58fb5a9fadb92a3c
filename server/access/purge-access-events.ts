import { count, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accessEvents } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
// Deleting in slices keeps each write short: delegates' views keep being recorded meanwhile.
const SLICE = 5000;

export const retentionCutoff = (now: number, retentionDays: number) => new Date(now - retentionDays * DAY_MS);

/** Deletes access events older than the retention period. Returns how many went (or would go, with dryRun). */
export async function purgeAccessEvents(db: Db, options: { now: number; retentionDays: number; dryRun?: boolean }): Promise<{ purged: number; before: Date }> {
  const before = retentionCutoff(options.now, options.retentionDays);
  const old = lt(accessEvents.at, before);
  if (options.dryRun) {
    const [row] = await db.select({ n: count() }).from(accessEvents).where(old);
    return { purged: row?.n ?? 0, before };
  }
  let purged = 0;
  for (;;) {
    // A subquery, not a list of ids: D1 allows only 100 bound parameters per statement.
    const result: unknown = await db.delete(accessEvents).where(inArray(accessEvents.id, db.select({ id: accessEvents.id }).from(accessEvents).where(old).limit(SLICE)));
    const changes = Number((result as { changes?: number }).changes ?? (result as { meta?: { changes?: number } }).meta?.changes ?? 0);
    purged += changes;
    if (changes < SLICE) break;
  }
  return { purged, before };
}

export interface PurgeSchedule {
  stop(): void;
}

/**
 * Purges once shortly after start, then every `everyMs` (a day). The timer is unref'd:
 * it never keeps the process alive, and a failed run is retried at the next tick.
 */
export function scheduleAccessPurge(db: Db, options: { retentionDays: number; everyMs?: number; firstAfterMs?: number; now?: () => number; log?: (line: string) => void }): PurgeSchedule {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const { purged, before } = await purgeAccessEvents(db, { now: now(), retentionDays: options.retentionDays });
      if (purged) log(`access log: purged ${purged} events older than ${before.toISOString()} (RETENTION_DAYS=${options.retentionDays})`);
    } catch (error) {
      log(`access log: purge failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, options.firstAfterMs ?? 60_000);
  const daily = setInterval(run, options.everyMs ?? DAY_MS);
  first.unref?.();
  daily.unref?.();
  return { stop: () => (clearTimeout(first), clearInterval(daily)) };
}
