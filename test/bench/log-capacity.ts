import { openLoop, type OpenLoopFigures } from './open-loop';

export interface CapacityStep extends OpenLoopFigures {
  held: boolean;
}

/**
 * Steps the rate of recorded page views up until the server no longer keeps up:
 * a step holds when it delivers ≥ 95 % of the offered rate with p99 ≤ `p99Limit`
 * (from the scheduled send time) and no error. A step that fails is tried once more:
 * the load generator shares a 2-core machine, and a pause of its own only ever
 * makes a step look worse (as the other sections keep each side's best round).
 */
export async function logCapacity(url: string, p99Limit: number, serverPid: number, rates = [500, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000], stepSeconds = 3) {
  const warmUp = await openLoop(url, 500, 1, serverPid); // connections up, code warm
  const steps: CapacityStep[] = [];
  let answered = warmUp.ok;
  const attempt = async (offered: number): Promise<CapacityStep> => {
    const r = await openLoop(url, offered, stepSeconds, serverPid);
    answered += r.ok;
    return { ...r, held: r.rps >= offered * 0.95 && r.p99 <= p99Limit && r.errors === 0 };
  };
  for (const offered of rates) {
    let step = await attempt(offered);
    if (!step.held) step = await attempt(offered);
    steps.push(step);
    if (!step.held) break;
  }
  const last = [...steps].reverse().find((s) => s.held);
  return { sustained: last?.rps ?? 0, last, steps, answered };
}
