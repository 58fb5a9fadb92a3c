import { verifyPassword } from '../auth/password';
import type { PinThrottleStore } from '../ports/throttles';

export type PinResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'locked'; by: 'device' | 'code'; waitMs: number };

/**
 * Checks a PIN typed by a delegate against the session's hash, within the limits of
 * tries per device and per code. A locked gate answers without even hashing.
 */
export async function checkPin(throttle: PinThrottleStore, attempt: { token: string; deviceId: string; pin: string; pinHash: string }, now: number): Promise<PinResult> {
  const gate = await throttle.gate(attempt.token, attempt.deviceId, now);
  if (!gate.allowed) return { ok: false, reason: 'locked', by: gate.by, waitMs: gate.waitMs };
  const pin = attempt.pin.trim();
  // The organizer's PIN is 4–8 digits; anything else is wrong without costing a hash.
  const right = /^\d{4,8}$/.test(pin) && (await verifyPassword(pin, attempt.pinHash));
  if (right) {
    await throttle.succeeded(attempt.token, attempt.deviceId);
    return { ok: true };
  }
  const next = await throttle.failed(attempt.token, attempt.deviceId, now);
  return next.allowed ? { ok: false, reason: 'wrong', triesLeft: next.triesLeft } : { ok: false, reason: 'locked', by: next.by, waitMs: next.waitMs };
}
