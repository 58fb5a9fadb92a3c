import type { PinGate, PinThrottleStore } from '../ports/throttles';

export type { PinGate } from '../ports/throttles';

/**
 * Limits PIN guessing, in two ways at once:
 * - per device (the device cookie): a few tries, then a wait. Honest delegates who
 *   mistype get a clear count of what is left; the wait is short enough to ask the
 *   organizers meanwhile.
 * - per code: a guesser who drops the cookie at each try becomes a new "device", so
 *   the code itself closes its PIN form after many failures in a window. That can
 *   also stop honest delegates for the rest of the window; devices that already got
 *   in keep their grant, and rotating the code starts a fresh count.
 * Kept in memory: on Node one process sees every try; on Workers each isolate counts
 * on its own (still a brake, not a hard bound), unless a shared store is handed in
 * through the PinThrottleStore port.
 */
export interface PinLimits {
  perDevice: number;
  perCode: number;
  windowMs: number;
}

export const DEFAULT_PIN_LIMITS: PinLimits = { perDevice: 5, perCode: 30, windowMs: 15 * 60 * 1000 };

interface Window {
  failures: number;
  since: number;
}

export class PinThrottle implements PinThrottleStore {
  private windows = new Map<string, Window>();

  constructor(readonly limits: PinLimits = DEFAULT_PIN_LIMITS) {}

  /** Whether this device may try a PIN for this code now. */
  gate(token: string, deviceId: string, now: number): PinGate {
    const code = this.current(`c|${token}`, now);
    if (code && code.failures >= this.limits.perCode) return { allowed: false, by: 'code', waitMs: code.since + this.limits.windowMs - now };
    const device = this.current(`d|${token}|${deviceId}`, now);
    if (device && device.failures >= this.limits.perDevice) return { allowed: false, by: 'device', waitMs: device.since + this.limits.windowMs - now };
    return { allowed: true, triesLeft: this.limits.perDevice - (device?.failures ?? 0) };
  }

  /** Counts a wrong PIN; returns the gate for the next try. */
  failed(token: string, deviceId: string, now: number): PinGate {
    if (this.windows.size > 100_000) this.windows.clear(); // bounded memory under a flood of fake devices
    for (const key of [`c|${token}`, `d|${token}|${deviceId}`]) {
      const window = this.current(key, now) ?? { failures: 0, since: now };
      window.failures += 1;
      this.windows.set(key, window);
    }
    return this.gate(token, deviceId, now);
  }

  /** A right PIN clears the device's count (not the code's: that one only expires). */
  succeeded(token: string, deviceId: string): void {
    this.windows.delete(`d|${token}|${deviceId}`);
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.since >= this.limits.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}
