// Finding 7: a stolen session cookie could guess the current password at /api/users/me/password
// without any limit. It is now throttled like the login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';

let t: NodeTestApp;
let clock = Date.parse('2026-12-01T08:00:00Z');
const PASSWORD = 'current-pass-Vn-2026';

beforeAll(async () => {
  t = await makeNodeApp();
  t.deps.now = () => clock;
  await t.addUser({ email: 'thu-ky@example.org', name: 'Thư ký', password: PASSWORD, role: 'organizer' });
});
afterAll(() => t?.close());

describe('password change throttling (finding 7)', () => {
  it('refuses further guesses of the current password after five wrong ones, for a doubling delay', async () => {
    const thief = new ApiClient(t.fetch);
    await thief.login('thu-ky@example.org', PASSWORD);
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await thief.post('/api/users/me/password', { currentPassword: `guess-${i}`, newPassword: 'stolen-account-Pw-1' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
    const refused = await thief.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'stolen-account-Pw-1' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
    // After the wait, the right current password works again.
    clock += 2000;
    expect((await thief.post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'a-fresh-passphrase-Vn' })).status).toBe(200);
  });
});
