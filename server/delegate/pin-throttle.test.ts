import { describe, expect, it } from 'vitest';
import { MemoryAttemptStore } from '../auth/attempt-store';
import { DEFAULT_PIN_LIMITS, PinThrottle } from './pin-throttle';

describe('PinThrottle', () => {
  const limits = { perDevice: 3, perSession: 5, windowMs: 60_000, paceMs: 10_000 };
  const make = () => new PinThrottle(new MemoryAttemptStore(), limits);

  it('counts down the tries of a device, then locks it for the rest of the window', async () => {
    const t = make();
    expect(await t.gate('s', 'dev', 0)).toEqual({ allowed: true, triesLeft: 3 });
    expect(await t.failed('s', 'dev', 0)).toEqual({ allowed: true, triesLeft: 2 });
    expect(await t.failed('s', 'dev', 1000)).toEqual({ allowed: true, triesLeft: 1 });
    expect(await t.failed('s', 'dev', 2000)).toEqual({ allowed: false, by: 'device', waitMs: 58_000 });
    expect(await t.gate('s', 'other', 2000)).toEqual({ allowed: true, triesLeft: 3 });
    expect(await t.gate('s', 'dev', 60_000)).toEqual({ allowed: true, triesLeft: 3 });
  });

  it('past the session budget, paces every try of the session (any device) to one per paceMs', async () => {
    const t = make();
    for (let i = 0; i < 5; i++) await t.failed('s', `dev${i}`, 0);
    expect(await t.gate('s', 'fresh', 10)).toEqual({ allowed: false, by: 'session', waitMs: 9_990 });
    expect(await t.gate('another-session', 'fresh', 10)).toEqual({ allowed: true, triesLeft: 3 });
    expect(await t.gate('s', 'fresh', 10_000)).toEqual({ allowed: true, triesLeft: 3 });
    expect(await t.failed('s', 'fresh', 10_000)).toEqual({ allowed: false, by: 'session', waitMs: 10_000 });
  });

  it('forgets a device after a success, but not the session count', async () => {
    const t = make();
    await t.failed('s', 'dev', 0);
    await t.failed('s', 'dev', 0);
    await t.succeeded('s', 'dev');
    expect(await t.gate('s', 'dev', 0)).toEqual({ allowed: true, triesLeft: 3 });
    for (let i = 0; i < 3; i++) await t.failed('s', `x${i}`, 0);
    expect(await t.gate('s', 'dev', 0)).toMatchObject({ allowed: false, by: 'session' });
  });
});

describe('PinThrottle limits (README: 5 tries per device per 15 min, 30 per session, then one every 30 s)', () => {
  it('states the defaults', () => {
    expect(DEFAULT_PIN_LIMITS).toEqual({ perDevice: 5, perSession: 30, windowMs: 900_000, paceMs: 30_000 });
    expect(new PinThrottle().limits).toBe(DEFAULT_PIN_LIMITS);
  });

  it('counts a device’s window from its first wrong PIN, not from the start of time', async () => {
    const t = new PinThrottle(new MemoryAttemptStore(), { perDevice: 3, perSession: 50, windowMs: 60_000, paceMs: 10_000 });
    await t.failed('s', 'dev', 30_000);
    expect(await t.gate('s', 'dev', 40_000)).toEqual({ allowed: true, triesLeft: 2 });
    await t.failed('s', 'dev', 80_000);
    await t.failed('s', 'dev', 85_000);
    // Three failures, but the first window (from 30 s) ended at 90 s: the device starts afresh.
    expect(await t.gate('s', 'dev', 89_999)).toEqual({ allowed: false, by: 'device', waitMs: 1 });
    expect(await t.gate('s', 'dev', 90_000)).toEqual({ allowed: true, triesLeft: 3 });
  });

  it('works with its own store and the default limits when given none', async () => {
    const t = new PinThrottle();
    for (let i = 0; i < 4; i++) await t.failed('s', 'dev', 0);
    expect(await t.gate('s', 'dev', 0)).toEqual({ allowed: true, triesLeft: 1 });
    expect(await t.failed('s', 'dev', 0)).toEqual({ allowed: false, by: 'device', waitMs: 900_000 });
  });
});
