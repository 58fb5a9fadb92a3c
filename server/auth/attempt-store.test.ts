import { describe, expect, it } from 'vitest';
import { MemoryAttemptStore } from './attempt-store';

describe('MemoryAttemptStore', () => {
  it('counts failures, forgets a key after a quiet period, clears on demand', () => {
    const s = new MemoryAttemptStore();
    expect(s.fail('k', 0, 1000)).toEqual({ failures: 1, since: 0, last: 0 });
    expect(s.fail('k', 500, 1000)).toEqual({ failures: 2, since: 0, last: 500 });
    expect(s.read('k', 1500, 1000)).toEqual({ failures: 2, since: 0, last: 500 });
    expect(s.read('k', 1501, 1000)).toBeUndefined();
    s.fail('k', 2000, 1000);
    s.clear('k');
    expect(s.read('k', 2000, 1000)).toBeUndefined();
  });

  it('under a flood of made-up keys, drops the least recently failed, not a key under attack', () => {
    const t = new MemoryAttemptStore(3);
    t.fail('junk-a', 0, 60_000);
    t.fail('junk-b', 1, 60_000);
    t.fail('admin', 2, 60_000);
    t.fail('junk-c', 3, 60_000);
    expect(t.read('admin', 4, 60_000)?.failures).toBe(1);
    expect(t.read('junk-a', 4, 60_000)).toBeUndefined();
  });

  it('keeps exactly maxKeys keys', () => {
    const t = new MemoryAttemptStore(3);
    for (const key of ['a', 'b', 'c']) t.fail(key, 0, 60_000);
    expect(['a', 'b', 'c'].map((key) => t.read(key, 1, 60_000)?.failures)).toEqual([1, 1, 1]);
  });
});
