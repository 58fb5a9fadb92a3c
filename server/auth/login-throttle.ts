import type { LoginThrottleStore } from '../ports/throttles';

/**
 * Slows password guessing: after a few failures for an account or from an
 * address, each further attempt must wait a delay that doubles, up to 15
 * minutes. Kept in memory: on Node one process sees every attempt; on Workers
 * each isolate throttles on its own (a limit per isolate, still a brake), unless
 * a shared store is handed in through the LoginThrottleStore port.
 */
const FREE_FAILURES = 5;
const MAX_DELAY_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 60 * 60 * 1000;

interface Entry {
  failures: number;
  lastFailure: number;
}

export class LoginThrottle implements LoginThrottleStore {
  private entries = new Map<string, Entry>();

  /** Milliseconds the caller must still wait, 0 when an attempt is allowed. */
  waitFor(keys: string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      if (now - entry.lastFailure > FORGET_AFTER_MS) {
        this.entries.delete(key);
        continue;
      }
      if (entry.failures < FREE_FAILURES) continue;
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (entry.failures - FREE_FAILURES));
      wait = Math.max(wait, entry.lastFailure + delay - now);
    }
    return Math.max(0, wait);
  }

  failed(keys: string[], now: number): void {
    if (this.entries.size > 100_000) this.entries.clear(); // bounded memory under a flood of addresses
    for (const key of keys) {
      const entry = this.entries.get(key) ?? { failures: 0, lastFailure: now };
      entry.failures += 1;
      entry.lastFailure = now;
      this.entries.set(key, entry);
    }
  }

  succeeded(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
