import { describe, expect, it } from 'vitest';
import { bitBalance, decodeBase64Url, expectedDistinctBytes } from '../test/support/bit-balance';
import { newId, newSecret, newToken } from './ids';

const SAMPLES = 4096;
// Six standard deviations: a fair bit leaves this band about once in 500 million draws, a constant bit always does.
const MAX_SIGMAS = 6;

function expectRandom(tokens: string[], bytes: number) {
  expect(new Set(tokens).size).toBe(tokens.length);
  const stats = bitBalance(tokens);
  expect(stats.bytes).toBe(bytes);
  expect(stats.worstDeviation.sigmas, `bit ${stats.worstDeviation.bit} of ${bytes * 8}`).toBeLessThan(MAX_SIGMAS);
  // Every byte position takes (nearly) every value: 4,096 draws leave a given value out about once in 9 million.
  for (const [i, distinct] of stats.distinctPerByte.entries()) expect(distinct, `byte ${i}`).toBeGreaterThanOrEqual(Math.floor(expectedDistinctBytes(SAMPLES)) - 6);
}

describe('random ids', () => {
  it('code tokens (printed in QR codes) are 22 URL-safe characters carrying 128 balanced random bits', () => {
    const tokens = Array.from({ length: SAMPLES }, newToken);
    for (const t of tokens.slice(0, 50)) expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expectRandom(tokens, 16);
  });

  it('login session ids and device ids carry 192 random bits, row ids 96', () => {
    expectRandom(Array.from({ length: SAMPLES }, newSecret), 24);
    expectRandom(Array.from({ length: SAMPLES }, newId), 12);
  });

  it('the statistics see 64 random bits padded to 128 with a constant (the check can fail)', () => {
    const padded = Array.from({ length: SAMPLES }, () => newToken().slice(0, 11) + 'AAAAAAAAAAA');
    expect(padded[0]).toMatch(/^[A-Za-z0-9_-]{22}$/); // the format alone cannot tell
    expect(decodeBase64Url(padded[0]!)).toHaveLength(16);
    expect(bitBalance(padded).worstDeviation.sigmas).toBeGreaterThan(MAX_SIGMAS);
    expect(Math.min(...bitBalance(padded).distinctPerByte)).toBe(1);
  });
});
