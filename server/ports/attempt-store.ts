/**
 * Where failed attempts are counted (logins, password checks, PINs). The throttles' rules live
 * in auth/login-throttle.ts and delegate/pin-throttle.ts; a store only counts. In memory
 * (auth/attempt-store.ts) one Node process sees every attempt and the limits are exact; on
 * Workers each isolate has its own memory, so a Durable Object per key can implement this
 * interface to make them global. Methods may answer synchronously or with a promise.
 */
export interface AttemptRecord {
  failures: number;
  /** When the first failure of this record was counted (ms). */
  since: number;
  /** When the last failure was counted (ms). */
  last: number;
}

export interface AttemptStore {
  /** The record for `key`, or undefined when none (or forgotten after `forgetAfterMs` without a failure). */
  read(key: string, now: number, forgetAfterMs: number): AttemptRecord | undefined | Promise<AttemptRecord | undefined>;
  /** Counts one failure; returns the record after it. */
  fail(key: string, now: number, forgetAfterMs: number): AttemptRecord | Promise<AttemptRecord>;
  clear(key: string): void | Promise<void>;
}
