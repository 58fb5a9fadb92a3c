import { openLoop, type OpenLoopFigures } from './open-loop';

export interface CapacityStep extends OpenLoopFigures {
  held: boolean;
}

/**
 * Steps the rate of recorded page views up until the server no longer keeps up:
 * a step holds when it delivers ≥ 95 % of the offered rate with p99 ≤ `p99Limit`
 * (from the scheduled send time) and no error.
 */
export async function logCapacity(url: string, p99Limit: number, serverPid: number, rates = [500, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000], stepSeconds = 3) {
  const warmUp = await openLoop(url, 500, 1, serverPid); // connections up, code warm
  const steps: CapacityStep[] = [];
  for (const offered of rates) {
    const r = await openLoop(url, offered, stepSeconds, serverPid);
    const held = r.rps >= offered * 0.95 && r.p99 <= p99Limit && r.errors === 0;
    steps.push({ ...r, held });
    if (!held) break;
  }
  const last = [...steps].reverse().find((s) => s.held);
  return { sustained: last?.rps ?? 0, last, steps, answered: steps.reduce((n, s) => n + s.ok, warmUp.ok) };
}
