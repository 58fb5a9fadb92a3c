import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookielessBursts } from './cookieless-bursts';

const keyed = () => {
  const key = randomBytes(32);
  return (text: string) => createHmac('sha256', key).update(text).digest('base64url');
};

describe('CookielessBursts', () => {
  it('groups one address and agent within the sliding window, apart from other addresses or agents', () => {
    const b = new CookielessBursts(keyed, 10_000);
    expect(b.visit('10.0.0.1', 'ua', 'view|c', 'd1', 0)).toEqual({ deviceId: 'd1', repeat: false });
    expect(b.visit('10.0.0.1', 'ua', 'view|c', 'd2', 5_000)).toEqual({ deviceId: 'd1', repeat: true });
    expect(b.visit('10.0.0.1', 'ua', 'open|doc', 'd3', 9_000)).toEqual({ deviceId: 'd1', repeat: false });
    expect(b.visit('10.0.0.1', 'ua', 'view|c', 'd4', 18_000)).toEqual({ deviceId: 'd1', repeat: true }); // sliding
    expect(b.visit('10.0.0.2', 'ua', 'view|c', 'd5', 18_000)).toEqual({ deviceId: 'd5', repeat: false });
    expect(b.visit('10.0.0.1', 'other', 'view|c', 'd6', 18_000)).toEqual({ deviceId: 'd6', repeat: false });
    expect(b.visit('10.0.0.1', 'ua', 'view|c', 'd7', 28_001)).toEqual({ deviceId: 'd7', repeat: false }); // quiet for 10 s
  });

  it('works with an asynchronous hash too (WebCrypto on Workers)', async () => {
    const sync = keyed();
    const b = new CookielessBursts(() => async (text: string) => sync(text), 10_000);
    expect(await b.visit('10.0.0.1', 'ua', 'view|c', 'd1', 0)).toEqual({ deviceId: 'd1', repeat: false });
    expect(await b.visit('10.0.0.1', 'ua', 'view|c', 'd2', 1)).toEqual({ deviceId: 'd1', repeat: true });
  });

  it('never keys its memory by the address itself, and starts afresh when the key rotates', () => {
    const b = new CookielessBursts(keyed, 10_000, 60_000);
    b.visit('203.0.113.7', 'ua', 'view|c', 'd1', 0);
    expect(JSON.stringify([...(b as unknown as { bursts: Map<string, unknown> }).bursts.keys()])).not.toContain('203.0.113.7');
    expect(b.visit('203.0.113.7', 'ua', 'view|c', 'd2', 60_000)).toEqual({ deviceId: 'd2', repeat: false });
  });
});
