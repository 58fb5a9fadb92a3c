import { verifyPassword } from '../auth/password';
import { PIN_SHAPE } from '../../shared/schemas';
import type { PinThrottle } from './pin-throttle';

export type PinResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'locked'; by: 'device' | 'session'; waitMs: number };

/**
 * Checks a PIN typed by a delegate against the session's hash, within the limits of
 * tries per device and per session. A closed gate answers without even hashing.
 */
export async function checkPin(throttle: PinThrottle, attempt: { sessionId: string; deviceId: string; pin: string; pinHash: string }, now: number): Promise<PinResult> {
  const gate = await throttle.gate(attempt.sessionId, attempt.deviceId, now);
  if (!gate.allowed) return { ok: false, reason: 'locked', by: gate.by, waitMs: gate.waitMs };
  const pin = attempt.pin.trim();
  // The organizer's PIN is 4–12 digits; anything else is wrong without costing a hash.
  const right = PIN_SHAPE.test(pin) && (await verifyPassword(pin, attempt.pinHash));
  if (right) {
    await throttle.succeeded(attempt.sessionId, attempt.deviceId);
    return { ok: true };
  }
  const next = await throttle.failed(attempt.sessionId, attempt.deviceId, now);
  if (next.allowed) return { ok: false, reason: 'wrong', triesLeft: next.triesLeft };
  // This device's own tries are spent: say so. Past the session's budget only, this PIN was still
  // heard and is wrong: say that (the next try's wait is told when it comes).
  if (next.by === 'session') return { ok: false, reason: 'wrong', triesLeft: triesLeftOf(await throttle.gate(attempt.sessionId, attempt.deviceId, now + throttle.limits.paceMs)) };
  return { ok: false, reason: 'locked', by: next.by, waitMs: next.waitMs };
}

const triesLeftOf = (gate: Awaited<ReturnType<PinThrottle['gate']>>) => (gate.allowed ? gate.triesLeft : 0);
