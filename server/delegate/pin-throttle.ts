import { MemoryAttemptStore, type AttemptStore } from '../auth/attempt-store';

/**
 * Limits PIN guessing per session — across all its codes, labelled variants and the
 * meeting code, which all open the same PIN — in two ways at once:
 * - per device (the device cookie): a few tries, then a wait for the rest of the window.
 *   Honest delegates who mistype get a clear count of what is left.
 * - per session: a guesser who drops the cookie at each try becomes a new "device", so the
 *   session has a budget of wrong PINs (30); past it, one try every 30 s, whoever makes it.
 *   The trade-off: a session never closes its form (an honest delegate with the right PIN
 *   waits at most 30 s after the last wrong guess, and may have to try twice while an attack
 *   is on), so a patient guesser still gets ~2,900 tries a day — a 4-digit PIN (10,000) is
 *   not safe against a day-long attack, a 6-digit one (1,000,000) is. Hence PINs up to
 *   12 digits, and the console's advice to use 6 or more for confidential sessions.
 * Counted in an AttemptStore: memory on Node (one process sees every try); on Workers each
 * isolate counts on its own unless a Durable Object implements the port.
 */
export interface PinLimits {
  perDevice: number;
  perSession: number;
  windowMs: number;
  /** Past the session's budget: the least time between two tries of that session. */
  paceMs: number;
}

export const DEFAULT_PIN_LIMITS: PinLimits = { perDevice: 5, perSession: 30, windowMs: 15 * 60 * 1000, paceMs: 30_000 };

export type PinGate = { allowed: true; triesLeft: number } | { allowed: false; by: 'device' | 'session'; waitMs: number };

export class PinThrottle {
  constructor(private readonly store: AttemptStore = new MemoryAttemptStore(), readonly limits: PinLimits = DEFAULT_PIN_LIMITS) {}

  private sessionKey = (sessionId: string) => `pin-session|${sessionId}`;
  private deviceKey = (sessionId: string, deviceId: string) => `pin-device|${sessionId}|${deviceId}`;

  /** Whether this device may try a PIN for this session now. */
  async gate(sessionId: string, deviceId: string, now: number): Promise<PinGate> {
    const { perDevice, perSession, windowMs, paceMs } = this.limits;
    // The session's count lives while wrong guesses keep coming (forgotten 15 min after the last).
    const session = await this.store.read(this.sessionKey(sessionId), now, windowMs);
    if (session && session.failures >= perSession && now - session.last < paceMs) return { allowed: false, by: 'session', waitMs: session.last + paceMs - now };
    // A device's count is a fixed window from its first wrong PIN.
    let device = await this.store.read(this.deviceKey(sessionId, deviceId), now, windowMs);
    if (device && now - device.since >= windowMs) {
      await this.store.clear(this.deviceKey(sessionId, deviceId));
      device = undefined;
    }
    if (device && device.failures >= perDevice) return { allowed: false, by: 'device', waitMs: device.since + windowMs - now };
    return { allowed: true, triesLeft: perDevice - (device?.failures ?? 0) };
  }

  /** Counts a wrong PIN; returns the gate for the next try. */
  async failed(sessionId: string, deviceId: string, now: number): Promise<PinGate> {
    await this.store.fail(this.sessionKey(sessionId), now, this.limits.windowMs);
    await this.store.fail(this.deviceKey(sessionId, deviceId), now, this.limits.windowMs);
    return this.gate(sessionId, deviceId, now);
  }

  /** A right PIN clears the device's count (not the session's: a success must not refill a guesser's budget). */
  async succeeded(sessionId: string, deviceId: string): Promise<void> {
    await this.store.clear(this.deviceKey(sessionId, deviceId));
  }
}
