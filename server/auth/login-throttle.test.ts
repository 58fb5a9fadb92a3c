import { describe, expect, it } from 'vitest';
import { MemoryAttemptStore } from './attempt-store';
import { ACCOUNT_POLICY, DEVICE_POLICY, LoginThrottle, PAIR_POLICY, PasswordCheckThrottle, waitOf } from './login-throttle';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('login throttle policies (README: 5 free then 1 s doubling to 15 min per address; 20 free then 1 min per account)', () => {
  it('states each limit', () => {
    expect(PAIR_POLICY).toEqual({ free: 5, firstDelayMs: 1000, maxDelayMs: 15 * MIN, forgetAfterMs: HOUR });
    expect(ACCOUNT_POLICY).toEqual({ free: 20, firstDelayMs: MIN, maxDelayMs: 15 * MIN, forgetAfterMs: HOUR });
    expect(DEVICE_POLICY).toEqual(PAIR_POLICY);
  });
});

describe('waitOf', () => {
  const policy = { free: 3, firstDelayMs: 1000, maxDelayMs: 5000, forgetAfterMs: HOUR };
  it('is 0 while failures are free, then doubles from the last failure up to the cap', () => {
    expect(waitOf(undefined, policy, 0)).toBe(0);
    expect(waitOf({ failures: 2, last: 100 }, policy, 100)).toBe(0);
    expect(waitOf({ failures: 3, last: 100 }, policy, 100)).toBe(1000);
    expect(waitOf({ failures: 4, last: 100 }, policy, 100)).toBe(2000);
    expect(waitOf({ failures: 5, last: 100 }, policy, 100)).toBe(4000);
    expect(waitOf({ failures: 6, last: 100 }, policy, 100)).toBe(5000);
    expect(waitOf({ failures: 3, last: 100 }, policy, 600)).toBe(500);
    expect(waitOf({ failures: 3, last: 100 }, policy, 1100)).toBe(0);
    expect(waitOf({ failures: 3, last: 100 }, policy, 9999)).toBe(0);
  });
});

describe('LoginThrottle', () => {
  const attacker = { account: 'owner@example.org', address: '203.0.113.9' };
  const owner = { account: 'owner@example.org', address: '198.51.100.1' };

  it('slows one address on one account after 5 failures, not the owner elsewhere', async () => {
    const t = new LoginThrottle(new MemoryAttemptStore());
    for (let i = 0; i < 4; i++) await t.failed(attacker, 0);
    expect(await t.waitFor(attacker, 0)).toBe(0);
    await t.failed(attacker, 0);
    expect(await t.waitFor(attacker, 0)).toBe(1000);
    expect(await t.waitFor(attacker, 400)).toBe(600);
    expect(await t.waitFor(owner, 0)).toBe(0);
    expect(await t.waitFor({ ...attacker, account: 'other@example.org' }, 0)).toBe(0);
  });

  it('slows the whole account after 20 failures from many addresses, for 1 min', async () => {
    const t = new LoginThrottle(new MemoryAttemptStore());
    for (let i = 0; i < 19; i++) await t.failed({ account: 'a@x.vn', address: `10.0.0.${i}` }, 0);
    expect(await t.waitFor({ account: 'a@x.vn', address: '10.0.1.1' }, 0)).toBe(0);
    await t.failed({ account: 'a@x.vn', address: '10.0.0.99' }, 0);
    expect(await t.waitFor({ account: 'a@x.vn', address: '10.0.1.1' }, 0)).toBe(MIN);
    // A known device skips both counts.
    expect(await t.waitFor({ account: 'a@x.vn', address: '10.0.1.1', knownDevice: 'dev1' }, 0)).toBe(0);
  });

  it('counts each account apart: failures on two accounts do not add up', async () => {
    const t = new LoginThrottle(new MemoryAttemptStore());
    for (let i = 0; i < 12; i++) {
      await t.failed({ account: 'a@x.vn', address: `10.0.0.${i}` }, 0);
      await t.failed({ account: 'b@x.vn', address: `10.0.0.${i}` }, 0);
    }
    expect(await t.waitFor({ account: 'a@x.vn', address: '10.0.1.1' }, 0)).toBe(0);
    expect(await t.waitFor({ account: 'b@x.vn', address: '10.0.1.1' }, 0)).toBe(0);
  });

  it('gives a known device its own count of 5', async () => {
    const t = new LoginThrottle(new MemoryAttemptStore());
    const device = { ...owner, knownDevice: 'laptop' };
    for (let i = 0; i < 5; i++) await t.failed(device, 0);
    expect(await t.waitFor(device, 0)).toBe(1000);
    expect(await t.waitFor({ ...device, knownDevice: 'phone' }, 0)).toBe(0);
    expect(await t.waitFor({ ...device, address: 'elsewhere' }, 0)).toBe(1000);
    expect(await t.waitFor(owner, 0)).toBe(0);
    expect(await t.waitFor({ ...device, knownDevice: null }, 0)).toBe(0);
  });

  it('a success clears the address’s count but not the account’s', async () => {
    const t = new LoginThrottle(new MemoryAttemptStore());
    for (let i = 0; i < 5; i++) await t.failed(attacker, 0);
    await t.succeeded(attacker);
    expect(await t.waitFor(attacker, 0)).toBe(0);
    for (let i = 0; i < 15; i++) await t.failed({ ...attacker, address: `a${i}` }, 0);
    // 5 + 15 = 20 account failures: the success did not refill the budget.
    expect(await t.waitFor({ ...attacker, address: 'new' }, 0)).toBe(MIN);
  });

  it('forgets counts an hour after the last failure', async () => {
    const t = new LoginThrottle(new MemoryAttemptStore());
    for (let i = 0; i < 6; i++) await t.failed(attacker, 0);
    expect(await t.waitFor(attacker, 1000)).toBe(1000);
    expect(await t.waitFor(attacker, HOUR)).toBe(0);
    await t.failed(attacker, HOUR + 1);
    expect(await t.waitFor(attacker, HOUR + 1)).toBe(0);
  });

  it('works with its own store when given none', async () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) await t.failed(attacker, 0);
    expect(await t.waitFor(attacker, 0)).toBe(1000);
  });
});

describe('PasswordCheckThrottle', () => {
  it('5 free wrong current passwords per account, then a doubling wait; a right one clears it', async () => {
    const t = new PasswordCheckThrottle();
    for (let i = 0; i < 5; i++) {
      expect(await t.waitFor('u1', 0)).toBe(0);
      await t.failed('u1', 0);
    }
    expect(await t.waitFor('u1', 0)).toBe(1000);
    expect(await t.waitFor('u2', 0)).toBe(0);
    await t.failed('u1', 0);
    expect(await t.waitFor('u1', 0)).toBe(2000);
    expect(await t.waitFor('u1', HOUR)).toBe(0);
    await t.succeeded('u1');
    expect(await t.waitFor('u1', 0)).toBe(0);
  });

  it('does not share counts with logins of the same key text', async () => {
    const store = new MemoryAttemptStore();
    const check = new PasswordCheckThrottle(store);
    for (let i = 0; i < 5; i++) await new LoginThrottle(store).failed({ account: 'u1', address: 'x' }, 0);
    expect(await check.waitFor('u1', 0)).toBe(0);
    for (let i = 0; i < 5; i++) await check.failed('u1', 0);
    expect(await new LoginThrottle(store).waitFor({ account: 'u1', address: 'y' }, 0)).toBe(0);
  });
});
