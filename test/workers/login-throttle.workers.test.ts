/**
 * Login throttling on Workers is counted in Durable Objects (one per key of the AttemptStore
 * port: account and address, account: server/runtime/workers/attempt-counter.ts), so it holds when every try lands in
 * another isolate. Each "isolate" here is a copy of the env: the Worker keeps its runtime,
 * and any in-memory counter, per env object, so only what real isolates share (D1, R2, the
 * Durable Objects) is shared between them.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker, { type WorkerEnv } from '../../server/runtime/workers/worker';
import { ORIGIN, makeWorkerHarness, type WorkerHarness } from './worker-harness';

const PASSWORD = 'correct horse battery';

function isolate(env: WorkerEnv) {
  const own = { ...env };
  return async (email: string, password: string, address: string) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'cf-connecting-ip': address },
      body: JSON.stringify({ email, password }),
    }), own, ctx);
    await waitOnExecutionContext(ctx);
    return res.status;
  };
}

describe('login throttling across isolates (Durable Objects)', () => {
  let h: WorkerHarness;

  beforeAll(async () => {
    h = await makeWorkerHarness();
    for (const name of ['lan', 'minh', 'hoa']) {
      await h.addUser({ email: `${name}@example.org`, name, password: PASSWORD, role: 'organizer' });
    }
  });

  it('counts an account\'s failures from one address over every isolate: 5 free, then a wait, even for the right password', async () => {
    const isolates = Array.from({ length: 6 }, () => isolate(h.env));
    for (let i = 0; i < 5; i++) expect(await isolates[i]!('lan@example.org', `wrong-${i}`, '203.0.113.10')).toBe(401);
    expect(await isolates[5]!('lan@example.org', PASSWORD, '203.0.113.10')).toBe(429);
    expect(await isolates[0]!('lan@example.org', PASSWORD, '203.0.113.10')).toBe(429);
    // The owner elsewhere is not held back by that address's failures.
    expect(await isolates[3]!('lan@example.org', PASSWORD, '203.0.113.77')).toBe(200);
  });

  it('counts an account\'s failures from every address over every isolate: 20 free, then a wait for any new address', async () => {
    const isolates = Array.from({ length: 5 }, () => isolate(h.env));
    for (let i = 0; i < 20; i++) expect(await isolates[i % 5]!('minh@example.org', `wrong-${i}`, `198.51.100.${i + 1}`)).toBe(401);
    expect(await isolate(h.env)('minh@example.org', PASSWORD, '198.51.100.200')).toBe(429);
    // Another account is not affected.
    expect(await isolate(h.env)('hoa@example.org', PASSWORD, '198.51.100.200')).toBe(200);
  });
});
