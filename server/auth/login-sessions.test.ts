import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, memoryDb } from '../../test/support/auth-fixtures';
import { loginSessions, users } from '../db/schema';
import { ABSOLUTE_TIMEOUT_MS, createLoginSession, endAllLoginSessions, endAllLoginSessionsStatement, endLoginSession, findSessionUser, IDLE_TIMEOUT_MS, purgeExpiredLoginSessions } from './login-sessions';
import { sha256Hex } from './password';

const H = 3600_000;
let handle: ReturnType<typeof memoryDb>;
beforeEach(() => void (handle = memoryDb()));
afterEach(() => handle.close());
const T0 = Date.parse('2026-12-01T08:00:00Z');

describe('login sessions', () => {
  it('README: idle 12 h, absolute 7 days', () => {
    expect(IDLE_TIMEOUT_MS).toBe(12 * H);
    expect(ABSOLUTE_TIMEOUT_MS).toBe(7 * 24 * H);
  });

  it('stores only a keyed hash of a fresh random token, with its times', async () => {
    const { db } = handle;
    const user = await insertUser(db, { id: 'u1', email: 'a@x.vn', name: 'Chị An', role: 'admin' });
    const token = await createLoginSession(db, 'u1', T0, 'secret-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await createLoginSession(db, 'u1', T0, 'secret-1')).not.toBe(token);
    const [row] = await db.select().from(loginSessions).where(eq(loginSessions.idHash, await sha256Hex(`secret-1:${token}`)));
    expect(row).toEqual({ idHash: await sha256Hex(`secret-1:${token}`), userId: 'u1', createdAt: new Date(T0), lastSeenAt: new Date(T0), expiresAt: new Date(T0 + 7 * 24 * H) });
    expect(await findSessionUser(db, token, T0, 'secret-1')).toEqual(user);
    // Another server secret does not match the stored hash.
    expect(await findSessionUser(db, token, T0, 'secret-2')).toBeNull();
    // Without a secret the key is empty (as a server without one computes it).
    const plain = await createLoginSession(db, 'u1', T0);
    expect((await db.select().from(loginSessions).where(eq(loginSessions.idHash, await sha256Hex(`:${plain}`)))).length).toBe(1);
    expect(await findSessionUser(db, plain, T0)).toEqual(user);
  });

  it('refuses empty, overlong and unknown tokens', async () => {
    const { db } = handle;
    await insertUser(db, { id: 'u1', email: 'a@x.vn' });
    expect(await findSessionUser(db, '', T0)).toBeNull();
    expect(await findSessionUser(db, 'x'.repeat(101), T0)).toBeNull();
    expect(await findSessionUser(db, 'x'.repeat(100), T0)).toBeNull();
    // A token of exactly 100 characters is looked up (the bound is only against huge cookies).
    const token = 'y'.repeat(100);
    await db.insert(loginSessions).values({ idHash: await sha256Hex(`:${token}`), userId: 'u1', createdAt: new Date(T0), lastSeenAt: new Date(T0), expiresAt: new Date(T0 + H) });
    expect(await findSessionUser(db, token, T0)).not.toBeNull();
    // One character more is refused without a lookup, even if such a login were stored.
    const long = 'y'.repeat(101);
    await db.insert(loginSessions).values({ idHash: await sha256Hex(`:${long}`), userId: 'u1', createdAt: new Date(T0), lastSeenAt: new Date(T0), expiresAt: new Date(T0 + H) });
    expect(await findSessionUser(db, long, T0)).toBeNull();
    await db.insert(loginSessions).values({ idHash: await sha256Hex(':'), userId: 'u1', createdAt: new Date(T0), lastSeenAt: new Date(T0), expiresAt: new Date(T0 + H) });
    expect(await findSessionUser(db, '', T0)).toBeNull();
  });

  it('ends a login idle for 12 h, and deletes it', async () => {
    const { db } = handle;
    await insertUser(db, { id: 'u1', email: 'a@x.vn' });
    const token = await createLoginSession(db, 'u1', T0, 's');
    expect(await findSessionUser(db, token, T0 + 12 * H - 1, 's')).not.toBeNull();
    const again = await createLoginSession(db, 'u1', T0, 's');
    expect(await findSessionUser(db, again, T0 + 12 * H, 's')).toBeNull();
    expect(await db.select().from(loginSessions).where(eq(loginSessions.idHash, await sha256Hex(`s:${again}`)))).toEqual([]);
  });

  it('keeps an active login alive by touching it at most once a minute, up to 7 days', async () => {
    const { db } = handle;
    await insertUser(db, { id: 'u1', email: 'a@x.vn' });
    const token = await createLoginSession(db, 'u1', T0, 's');
    const lastSeen = async () => (await db.select().from(loginSessions).where(eq(loginSessions.idHash, await sha256Hex(`s:${token}`))))[0]?.lastSeenAt.getTime();
    await findSessionUser(db, token, T0 + 60_000, 's');
    expect(await lastSeen()).toBe(T0);
    await findSessionUser(db, token, T0 + 60_001, 's');
    expect(await lastSeen()).toBe(T0 + 60_001);
    // Used every 11 hours, it lives until its seventh day ends.
    for (let t = T0 + 11 * H; t < T0 + 7 * 24 * H; t += 11 * H) expect(await findSessionUser(db, token, t, 's'), String(t)).not.toBeNull();
    expect(await findSessionUser(db, token, T0 + 7 * 24 * H - 1, 's')).not.toBeNull();
    expect(await findSessionUser(db, token, T0 + 7 * 24 * H, 's')).toBeNull();
    expect(await lastSeen()).toBeUndefined();
  });

  it('refuses the login of a disabled account', async () => {
    const { db } = handle;
    await insertUser(db, { id: 'u1', email: 'a@x.vn' });
    const token = await createLoginSession(db, 'u1', T0, 's');
    await db.update(users).set({ disabledAt: new Date(T0) }).where(eq(users.id, 'u1'));
    expect(await findSessionUser(db, token, T0, 's')).toBeNull();
  });

  it('ends one login, or all of an account’s, and purges the dead ones', async () => {
    const { db } = handle;
    await insertUser(db, { id: 'u1', email: 'a@x.vn' });
    await insertUser(db, { id: 'u2', email: 'b@x.vn' });
    const a = await createLoginSession(db, 'u1', T0, 's');
    const b = await createLoginSession(db, 'u1', T0, 's');
    const c = await createLoginSession(db, 'u2', T0, 's');
    await endLoginSession(db, a, 's');
    expect(await findSessionUser(db, a, T0, 's')).toBeNull();
    expect(await findSessionUser(db, b, T0, 's')).not.toBeNull();
    await endLoginSession(db, b, 'wrong secret');
    expect(await findSessionUser(db, b, T0, 's')).not.toBeNull();
    await endAllLoginSessions(db, 'u1');
    expect(await findSessionUser(db, b, T0, 's')).toBeNull();
    expect(await findSessionUser(db, c, T0, 's')).not.toBeNull();
    await endAllLoginSessionsStatement(db, 'u2');
    expect(await findSessionUser(db, c, T0, 's')).toBeNull();

    const count = async () => (await db.select().from(loginSessions)).length;
    const idle = await createLoginSession(db, 'u1', T0, 's'); // last seen T0: idle at T0 + 12 h
    await db.insert(loginSessions).values({ idHash: 'old', userId: 'u1', createdAt: new Date(T0), lastSeenAt: new Date(T0 + 11 * H), expiresAt: new Date(T0 + 12 * H) });
    await db.insert(loginSessions).values({ idHash: 'live', userId: 'u1', createdAt: new Date(T0), lastSeenAt: new Date(T0 + 11 * H), expiresAt: new Date(T0 + 7 * 24 * H) });
    await purgeExpiredLoginSessions(db, T0 + 12 * H);
    expect(await count()).toBe(3); // at the exact bounds nothing is purged yet
    await purgeExpiredLoginSessions(db, T0 + 12 * H + 1);
    expect((await db.select().from(loginSessions)).map((r) => r.idHash)).toEqual(['live']);
    expect(idle).toBeTruthy();
  });
});
