import { describe, expect, it } from 'vitest';
import { cheapHash } from '../../test/support/auth-fixtures';
import { MemoryAttemptStore } from '../auth/attempt-store';
import { checkPin } from './check-pin';
import { PinThrottle } from './pin-throttle';

const limits = { perDevice: 3, perSession: 5, windowMs: 60_000, paceMs: 10_000 };

describe('checkPin', () => {
  it('lets the right PIN in (spaces around it forgiven) and clears the device’s count', async () => {
    const pinHash = await cheapHash('2468');
    const throttle = new PinThrottle(new MemoryAttemptStore(), limits);
    const attempt = { sessionId: 's', deviceId: 'dev', pinHash };
    expect(await checkPin(throttle, { ...attempt, pin: '1111' }, 0)).toEqual({ ok: false, reason: 'wrong', triesLeft: 2 });
    expect(await checkPin(throttle, { ...attempt, pin: ' 2468 ' }, 0)).toEqual({ ok: true });
    expect(await throttle.gate('s', 'dev', 0)).toEqual({ allowed: true, triesLeft: 3 });
  });

  it('counts down wrong PINs, then locks the device for the rest of its window', async () => {
    const pinHash = await cheapHash('2468');
    const throttle = new PinThrottle(new MemoryAttemptStore(), limits);
    const attempt = { sessionId: 's', deviceId: 'dev', pinHash };
    expect(await checkPin(throttle, { ...attempt, pin: '1111' }, 0)).toEqual({ ok: false, reason: 'wrong', triesLeft: 2 });
    expect(await checkPin(throttle, { ...attempt, pin: '2222' }, 1000)).toEqual({ ok: false, reason: 'wrong', triesLeft: 1 });
    expect(await checkPin(throttle, { ...attempt, pin: '3333' }, 2000)).toEqual({ ok: false, reason: 'locked', by: 'device', waitMs: 58_000 });
    // Locked: even the right PIN is not checked until the window ends.
    expect(await checkPin(throttle, { ...attempt, pin: '2468' }, 3000)).toEqual({ ok: false, reason: 'locked', by: 'device', waitMs: 57_000 });
    expect(await checkPin(throttle, { ...attempt, pin: '2468' }, 60_000)).toEqual({ ok: true });
  });

  it('takes anything but 4 to 12 digits as wrong, without hashing', async () => {
    const throttle = new PinThrottle(new MemoryAttemptStore(), limits);
    // A hash that would throw if it were verified: the shape check must come first.
    const attempt = { sessionId: 's', deviceId: 'dev', pinHash: 'pbkdf2-sha256$1$bm90$bm90' };
    for (const pin of ['123', '1234567890123', '12a4']) {
      const result = await checkPin(new PinThrottle(new MemoryAttemptStore(), limits), { ...attempt, pin }, 0);
      expect(result, pin).toEqual({ ok: false, reason: 'wrong', triesLeft: 2 });
    }
    const twelve = await cheapHash('123456789012');
    expect(await checkPin(throttle, { ...attempt, pinHash: twelve, pin: '123456789012' }, 0)).toEqual({ ok: true });
    const four = await cheapHash('0000');
    expect(await checkPin(throttle, { ...attempt, pinHash: four, pin: '0000' }, 0)).toEqual({ ok: true });
  });

  it('past the session’s budget says a heard PIN is wrong, with the tries this device has left', async () => {
    const pinHash = await cheapHash('2468');
    const throttle = new PinThrottle(new MemoryAttemptStore(), limits);
    for (let i = 0; i < 4; i++) await throttle.failed('s', `other${i}`, 0);
    // The 5th wrong PIN of the session fills its budget: heard, wrong, 2 tries left here (after the pace).
    expect(await checkPin(throttle, { sessionId: 's', deviceId: 'dev', pinHash, pin: '1111' }, 0)).toEqual({ ok: false, reason: 'wrong', triesLeft: 2 });
    // The next try comes too soon: locked by the session, for the pace.
    expect(await checkPin(throttle, { sessionId: 's', deviceId: 'dev', pinHash, pin: '2468' }, 4000)).toEqual({ ok: false, reason: 'locked', by: 'session', waitMs: 6000 });
    expect(await checkPin(throttle, { sessionId: 's', deviceId: 'dev', pinHash, pin: '2468' }, 10_000)).toEqual({ ok: true });
  });

  it('past the session’s budget, a device with no tries left after the pace hears 0', async () => {
    const pinHash = await cheapHash('2468');
    const throttle = new PinThrottle(new MemoryAttemptStore(), { ...limits, perSession: 3 });
    await throttle.failed('s', 'dev', 0);
    await throttle.failed('s', 'dev', 0);
    // This third wrong PIN spends both the device's tries and the session's budget: heard, wrong, none left.
    expect(await checkPin(throttle, { sessionId: 's', deviceId: 'dev', pinHash, pin: '1111' }, 0)).toEqual({ ok: false, reason: 'wrong', triesLeft: 0 });
    const t2 = new PinThrottle(new MemoryAttemptStore(), { ...limits, perSession: 3, windowMs: 10_000, paceMs: 10_000 });
    await t2.failed('s', 'dev', 0);
    await t2.failed('s', 'x', 0);
    // Session budget spent by this try, device at 2 of 3: heard, wrong; at now + pace the device window has ended.
    expect(await checkPin(t2, { sessionId: 's', deviceId: 'dev', pinHash, pin: '1111' }, 0)).toEqual({ ok: false, reason: 'wrong', triesLeft: 3 });
  });
});
