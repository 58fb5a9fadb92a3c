import { describe, expect, it } from 'vitest';
import { PinThrottle } from './pin-throttle';

describe('PinThrottle', () => {
  const limits = { perDevice: 3, perCode: 5, windowMs: 60_000 };

  it('counts down the tries of a device, then locks it for the rest of the window', () => {
    const t = new PinThrottle(limits);
    expect(t.gate('code', 'dev', 0)).toEqual({ allowed: true, triesLeft: 3 });
    expect(t.failed('code', 'dev', 0)).toEqual({ allowed: true, triesLeft: 2 });
    expect(t.failed('code', 'dev', 1000)).toEqual({ allowed: true, triesLeft: 1 });
    expect(t.failed('code', 'dev', 2000)).toEqual({ allowed: false, by: 'device', waitMs: 58_000 });
    expect(t.gate('code', 'other', 2000)).toEqual({ allowed: true, triesLeft: 3 });
    expect(t.gate('code', 'dev', 60_000)).toEqual({ allowed: true, triesLeft: 3 });
  });

  it('locks the whole code after enough failures from any devices', () => {
    const t = new PinThrottle(limits);
    for (let i = 0; i < 5; i++) t.failed('code', `dev${i}`, 0);
    expect(t.gate('code', 'fresh', 10)).toEqual({ allowed: false, by: 'code', waitMs: 59_990 });
    expect(t.gate('another-code', 'fresh', 10)).toEqual({ allowed: true, triesLeft: 3 });
  });

  it('forgets a device after a success, but not the code count', () => {
    const t = new PinThrottle(limits);
    t.failed('code', 'dev', 0);
    t.failed('code', 'dev', 0);
    t.succeeded('code', 'dev');
    expect(t.gate('code', 'dev', 0)).toEqual({ allowed: true, triesLeft: 3 });
    for (let i = 0; i < 3; i++) t.failed('code', `x${i}`, 0);
    expect(t.gate('code', 'dev', 0)).toMatchObject({ allowed: false, by: 'code' });
  });
});
