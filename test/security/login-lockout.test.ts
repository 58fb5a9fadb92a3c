// Finding 2: five wrong passwords from one address locked the real admin out everywhere,
// and unknown-email failures locked every user behind the attacker's NAT address.
// The server reads the client address from its socket: each client here binds its own loopback alias.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { cookiesOf, jsonFrom } from '../support/from-address';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'the-real-admin-Pw-42' };
const ORGANIZER = { email: 'to-chuc@example.org', password: 'organizer-pass-Vn-9' };
let server: RunningServer;
const login = (from: string, email: string, password: string, cookie?: string) =>
  jsonFrom(from, `${server.url}/api/auth/login`, { email, password }, cookie ? { cookie } : {});

beforeAll(async () => {
  server = await startServer(ADMIN);
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  expect((await api.post('/api/users', { ...ORGANIZER, name: 'Tổ chức' })).status).toBe(201);
});
afterAll(async () => {
  await server?.kill();
});

// Each case starts a real server (or CLI processes): at a load average near 20 on two cores, 30 s is not enough.
describe('login throttling (finding 2)', { timeout: 120_000 }, () => {
  it('lets the admin in from another address after an attacker failed on the account', async () => {
    const attacker = '127.0.0.2';
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(attacker, ADMIN.QRHOP_ADMIN_EMAIL, `guess-${i}`)).status);
    // The attacker is slowed on this account from this address…
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect((await login(attacker, ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD)).status).toBe(429);
    // …but the real admin, elsewhere, with the right password, is not.
    const admin = await login('127.0.0.3', ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    expect(admin.status).toBe(200);
  });

  it('does not lock the users behind a NAT address after failures on unknown emails', async () => {
    const nat = '127.0.0.4';
    for (let i = 0; i < 12; i++) expect((await login(nat, `nobody-${i}@example.org`, 'whatever-guess')).status).not.toBe(200);
    expect((await login(nat, ORGANIZER.email, ORGANIZER.password)).status).toBe(200);
  });

  it('bounds guesses spread over many addresses, and a known device still gets in', async () => {
    // The organizer logged in from this browser before: it holds a known-device cookie.
    const first = await login('127.0.0.5', ORGANIZER.email, ORGANIZER.password);
    expect(first.status).toBe(200);
    const known = cookiesOf(first.setCookies.filter((c) => c.startsWith('qrhop_known=')));
    expect(known).toMatch(/^qrhop_known=/);

    // A botnet: four wrong guesses from each of eight addresses (under the per-address limit).
    let refused = 0;
    for (let a = 10; a < 18; a++) {
      for (let i = 0; i < 4; i++) if ((await login(`127.0.1.${a}`, ORGANIZER.email, `spread-${a}-${i}`)).status === 429) refused++;
    }
    // The account's own budget (20 failures) ran out: the later guesses were refused unheard.
    expect(refused).toBeGreaterThanOrEqual(10);
    // A new device, even with the right password, waits while the account is under attack…
    expect((await login('127.0.1.99', ORGANIZER.email, ORGANIZER.password)).status).toBe(429);
    // …but the owner's known device is let in, from any address.
    expect((await login('127.0.1.98', ORGANIZER.email, ORGANIZER.password, known)).status).toBe(200);
    // A forged known-device cookie is worth nothing.
    expect((await login('127.0.1.97', ORGANIZER.email, ORGANIZER.password, 'qrhop_known=AAAA.BBBB')).status).toBe(429);
  });
});
