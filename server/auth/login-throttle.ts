import { MemoryAttemptStore, type AttemptStore } from './attempt-store';

/**
 * Slows password guessing without letting anyone lock the owner out:
 * - per account and address: 5 free failures, then a delay that doubles (1 s, 2 s… up to
 *   15 min). An attacker slows only their own address on that account; the owner elsewhere is
 *   not touched.
 * - per account, all addresses together: 20 free failures, then a delay from 1 min doubling
 *   up to 15 min. This bounds a botnet spreading guesses over many addresses (about 20 an
 *   hour, then a few). It also makes the owner wait on a new device while the attack lasts:
 * - a browser the account logged in from before (a signed known-device cookie) skips both
 *   and has its own count (5 free, then doubling), so the owner's usual laptop always gets in.
 * There is no per-address limit across accounts: it would lock every user behind a NAT
 * (an office, the hall's Wi-Fi) after one person's failures on unknown emails; the two
 * per-account counts already bound guesses against any one account.
 */
export interface ThrottlePolicy {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

const HOUR = 60 * 60 * 1000;
export const PAIR_POLICY: ThrottlePolicy = { free: 5, firstDelayMs: 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR };
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 20, firstDelayMs: 60 * 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR };
export const DEVICE_POLICY: ThrottlePolicy = PAIR_POLICY;

export interface LoginAttempt {
  /** The account tried (the email as typed, normalized; unknown emails count alone). */
  account: string;
  address: string;
  /** The known-device id, when the browser presented a valid cookie for this account. */
  knownDevice?: string | null;
}

/** How long to wait given a record's failures: 0 while free, then a doubling delay from the last failure. */
export function waitOf(record: { failures: number; last: number } | undefined, policy: ThrottlePolicy, now: number): number {
  if (!record || record.failures < policy.free) return 0;
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (record.failures - policy.free));
  return Math.max(0, record.last + delay - now);
}

/**
 * Checks of the current password on a logged-in account (the password change): whoever
 * holds a stolen session cookie must not guess it freely. Per account: 5 free failures,
 * then a doubling delay; the owner, who knows the password, rarely meets it.
 */
export class PasswordCheckThrottle {
  constructor(private readonly store: AttemptStore = new MemoryAttemptStore()) {}
  private key = (userId: string) => `password-check|${userId}`;

  async waitFor(userId: string, now: number): Promise<number> {
    return waitOf(await this.store.read(this.key(userId), now, PAIR_POLICY.forgetAfterMs), PAIR_POLICY, now);
  }
  async failed(userId: string, now: number): Promise<void> {
    await this.store.fail(this.key(userId), now, PAIR_POLICY.forgetAfterMs);
  }
  async succeeded(userId: string): Promise<void> {
    await this.store.clear(this.key(userId));
  }
}

export class LoginThrottle {
  constructor(private readonly store: AttemptStore = new MemoryAttemptStore()) {}

  private keysOf(attempt: LoginAttempt): [string, ThrottlePolicy][] {
    if (attempt.knownDevice) return [[`login-device|${attempt.account}|${attempt.knownDevice}`, DEVICE_POLICY]];
    return [[`login-pair|${attempt.account}|${attempt.address}`, PAIR_POLICY], [`login-account|${attempt.account}`, ACCOUNT_POLICY]];
  }

  /** Milliseconds the caller must still wait, 0 when an attempt is allowed. */
  async waitFor(attempt: LoginAttempt, now: number): Promise<number> {
    let wait = 0;
    for (const [key, policy] of this.keysOf(attempt)) wait = Math.max(wait, waitOf(await this.store.read(key, now, policy.forgetAfterMs), policy, now));
    return wait;
  }

  async failed(attempt: LoginAttempt, now: number): Promise<void> {
    for (const [key, policy] of this.keysOf(attempt)) await this.store.fail(key, now, policy.forgetAfterMs);
  }

  /** A right password clears this address's (or device's) count; the account-wide count only expires, so a success does not refill a botnet's budget. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.store.clear(this.keysOf(attempt)[0]![0]);
  }
}
