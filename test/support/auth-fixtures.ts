// For the fast tests beside server/auth and server/delegate: a real SQLite database in memory, and
// accounts inserted directly with a cheap PBKDF2 count (verifyPassword reads the count stored in the
// hash), so a test logs in in milliseconds without running the code under test in a beforeAll.
import type { Db } from '../../server/db/database';
import { users } from '../../server/db/schema';
import { openSqlite } from '../../server/runtime/node/sqlite-client';

export const memoryDb = () => openSqlite(':memory:');

/** A stored password hash in the format of server/auth/password.ts, with 1,000 iterations. */
export async function cheapHash(password: string, iterations = 1000): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(bits)}`;
}

export async function insertUser(db: Db, user: { id: string; email: string; name?: string; password?: string; role?: 'admin' | 'organizer'; disabledAt?: Date | null }) {
  const row = {
    id: user.id, email: user.email, name: user.name ?? 'Văn phòng', role: user.role ?? 'organizer',
    passwordHash: await cheapHash(user.password ?? 'mật khẩu đủ dài'), disabledAt: user.disabledAt ?? null, createdAt: new Date(0),
  };
  await db.insert(users).values(row);
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
