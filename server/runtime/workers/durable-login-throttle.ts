import type { LoginThrottleStore } from '../../ports/throttles';
import type { DurableAttemptStore } from './attempt-counter';

// The policy of auth/login-throttle.ts (5 free failures, then a delay doubling from 1 s up to
// 15 min; forgotten after an hour without a failure), counted in Durable Objects instead of
// one isolate's memory.
const FREE_FAILURES = 5;
const MAX_DELAY_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 60 * 60 * 1000;

/** Login throttling keyed per account and per address, global across isolates and locations. */
export class DurableLoginThrottle implements LoginThrottleStore {
  constructor(private readonly store: DurableAttemptStore) {}

  async waitFor(keys: string[], now: number): Promise<number> {
    const records = await Promise.all(keys.map((key) => this.store.read(key, now, FORGET_AFTER_MS)));
    let wait = 0;
    for (const record of records) {
      if (!record || record.failures < FREE_FAILURES) continue;
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (record.failures - FREE_FAILURES));
      wait = Math.max(wait, record.last + delay - now);
    }
    return Math.max(0, wait);
  }

  async failed(keys: string[], now: number): Promise<void> {
    await Promise.all(keys.map((key) => this.store.fail(key, now, FORGET_AFTER_MS)));
  }

  async succeeded(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.store.clear(key)));
  }
}
