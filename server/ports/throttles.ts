/**
 * Counters of failed logins and failed PINs. The in-memory implementations
 * (auth/login-throttle.ts, delegate/pin-throttle.ts) see every try on Node, where
 * one process serves everything; on Workers each isolate counts on its own, so a
 * store shared by isolates (a Durable Object) can be handed in through these ports.
 * Every method may answer synchronously or with a promise.
 */
export interface LoginThrottleStore {
  /** Milliseconds the caller must still wait, 0 when an attempt is allowed. */
  waitFor(keys: string[], now: number): number | Promise<number>;
  failed(keys: string[], now: number): void | Promise<void>;
  succeeded(keys: string[]): void | Promise<void>;
}

export type PinGate = { allowed: true; triesLeft: number } | { allowed: false; by: 'device' | 'code'; waitMs: number };

export interface PinThrottleStore {
  /** Whether this device may try a PIN for this code now. */
  gate(token: string, deviceId: string, now: number): PinGate | Promise<PinGate>;
  /** Counts a wrong PIN; returns the gate for the next try. */
  failed(token: string, deviceId: string, now: number): PinGate | Promise<PinGate>;
  /** A right PIN clears the device's count (not the code's: that one only expires). */
  succeeded(token: string, deviceId: string): void | Promise<void>;
}
