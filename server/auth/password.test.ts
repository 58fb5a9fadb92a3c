import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decoyHash, hashPassword, sha256Hex, verifyPassword } from './password';

/** A stored hash made by hand with WebCrypto, to check verifyPassword reads the count it stores. */
async function handMade(password: string, iterations: number) {
  const salt = new Uint8Array(16).fill(7);
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
  return `pbkdf2-sha256$${iterations}$${btoa(String.fromCharCode(...salt))}$${btoa(String.fromCharCode(...bits))}`;
}

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('mật khẩu đủ dài');
    const b = await hashPassword('mật khẩu đủ dài');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword('mật khẩu đủ dài', a)).toBe(true);
    expect(await verifyPassword('mật khẩu đủ dài'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mat khau du dai', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('stores PBKDF2-SHA256 with 100,000 iterations, a 16-byte salt and a 32-byte hash, all in base64', async () => {
    const [scheme, iterations, salt, hash, ...rest] = (await hashPassword('mật khẩu')).split('$');
    expect([scheme, iterations, rest]).toEqual(['pbkdf2-sha256', '100000', []]);
    expect(atob(salt!).length).toBe(16);
    expect(atob(hash!).length).toBe(32);
    // The same as WebCrypto's own PBKDF2 with that salt and count (NFC text).
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('mật khẩu'.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
    const saltBytes = Uint8Array.from(atob(salt!), (c) => c.charCodeAt(0));
    const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: saltBytes, iterations: 100_000 }, key, 256));
    expect(btoa(String.fromCharCode(...bits))).toBe(hash);
  });

  it('verifies with the count stored in the hash (so it can be raised later), and refuses odd ones', async () => {
    const stored = await handMade('mật khẩu cũ', 1000);
    expect(await verifyPassword('mật khẩu cũ', stored)).toBe(true);
    expect(await verifyPassword('mật khẩu mới', stored)).toBe(false);
    const [, iter, salt, hash] = stored.split('$');
    expect(await verifyPassword('mật khẩu cũ', `pbkdf2-sha1$${iter}$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('mật khẩu cũ', `pbkdf2-sha256$$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('mật khẩu cũ', `pbkdf2-sha256$${iter}$$${hash}`)).toBe(false);
    expect(await verifyPassword('mật khẩu cũ', `pbkdf2-sha256$${iter}$${salt}$`)).toBe(false);
    expect(await verifyPassword('mật khẩu cũ', `pbkdf2-sha256$${iter}$${salt}`)).toBe(false);
  });

  it('compares without depending on where bytes differ', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(9, 2, 3), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 0), Uint8Array.of(1, 2))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 5))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });

  it('keeps one decoy hash, of a password nobody types', async () => {
    const first = await decoyHash();
    expect(await decoyHash()).toBe(first);
    expect(first).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword('decoy-password-for-timing', first)).toBe(true);
  });

  it('hashes text to lower-case hex SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
