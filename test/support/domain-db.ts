/** A real SQLite database and local store in a temp folder, for domain functions called without HTTP (as the CLI does). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { SessionUser } from '../../server/auth/login-sessions';
import { addUser } from '../../server/auth/users';
import { auditLog } from '../../server/db/schema';
import { DomainError } from '../../server/domain-error';
import { STATUS_OF } from '../../server/http/error-status';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import { openSqlite } from '../../server/runtime/node/sqlite-client';

export async function makeDomainDb() {
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-domain-'));
  const database = openSqlite(join(dir, 'qrhop.db'));
  const store = await new LocalDiskStore(join(dir, 'objects')).open();
  const now = () => Date.parse('2026-12-01T08:00:00Z');
  const user: SessionUser = await addUser(database.db, { email: 'cli@example.org', name: 'Văn phòng', password: 'correct horse battery', role: 'admin' }, now());
  return {
    db: database.db, store, now, user,
    /** The audit actions recorded about one target, oldest first. */
    auditActions: async (target: string) => (await database.db.select().from(auditLog).where(eq(auditLog.target, target))).map((r) => r.action),
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The refusal a call makes, as its code and the status the one table gives it. */
export async function refusal(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const { code } = error as DomainError;
  return { code, status: STATUS_OF[code] };
}
