import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryDb } from '../../test/support/auth-fixtures';
import { users } from '../db/schema';
import { DomainError } from '../domain-error';
import { verifyPassword } from './password';
import { addUser, countUsers, ensureFirstAdmin, newUserRow } from './users';

let handle: ReturnType<typeof memoryDb>;
beforeEach(() => void (handle = memoryDb()));
afterEach(() => handle.close());
const T0 = Date.parse('2026-12-01T08:00:00Z');

describe('users', () => {
  it('adds an account with a normalized email and name and a hashed password', async () => {
    const user = await addUser(handle.db, { email: '  Chi.An@UBND.vn ', name: 'Chị An'.normalize('NFD'), password: 'mật khẩu đủ dài', role: 'organizer' }, T0);
    expect(user).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), email: 'chi.an@ubnd.vn', name: 'Chị An'.normalize('NFC'), role: 'organizer' });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ email: 'chi.an@ubnd.vn', name: 'Chị An'.normalize('NFC'), role: 'organizer', createdAt: new Date(T0), disabledAt: null });
    expect(await verifyPassword('mật khẩu đủ dài', row!.passwordHash)).toBe(true);
    expect(await countUsers(handle.db)).toBe(1);
  });

  it('refuses a weak password (naming the field) and a taken email, whatever its case', async () => {
    const weak = await newUserRow(handle.db, { email: 'a@x.vn', name: 'A', password: 'short', role: 'organizer' }, T0).catch((e: unknown) => e);
    expect(weak).toBeInstanceOf(DomainError);
    expect(weak).toMatchObject({ code: 'weak_password', message: 'password: at least 10 characters', extra: { field: 'password' } });
    await addUser(handle.db, { email: 'a@x.vn', name: 'A', password: 'mật khẩu đủ dài', role: 'organizer' }, T0);
    const taken = await addUser(handle.db, { email: 'A@X.VN', name: 'B', password: 'mật khẩu đủ dài', role: 'admin' }, T0).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'email_taken', message: 'A user with email a@x.vn already exists' });
    expect(await countUsers(handle.db)).toBe(1);
  });

  it('newUserRow does not insert', async () => {
    const { row, user } = await newUserRow(handle.db, { email: 'b@x.vn', name: 'B', password: 'mật khẩu đủ dài', role: 'admin' }, T0);
    expect(row.id).toBe(user.id);
    expect(user.role).toBe('admin');
    expect(await countUsers(handle.db)).toBe(0);
  });

  it('creates the first admin from configuration only while there is no user', async () => {
    expect(await ensureFirstAdmin(handle.db, undefined, T0)).toBeNull();
    expect(await countUsers(handle.db)).toBe(0);
    const first = await ensureFirstAdmin(handle.db, { email: 'Boss@x.vn', password: 'mật khẩu đủ dài' }, T0);
    expect(first).toEqual({ id: expect.any(String), email: 'boss@x.vn', name: 'Admin', role: 'admin' });
    expect(await ensureFirstAdmin(handle.db, { email: 'second@x.vn', password: 'mật khẩu đủ dài' }, T0)).toBeNull();
    expect(await countUsers(handle.db)).toBe(1);
  });
});
