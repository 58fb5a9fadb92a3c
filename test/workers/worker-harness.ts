import { applyD1Migrations, createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { addUser } from '../../server/auth/users';
import type { Db } from '../../server/db/database';
import * as schema from '../../server/db/schema';
import worker, { type WorkerEnv } from '../../server/runtime/workers/worker';
import type { Harness } from '../scenarios/core-api.scenarios';

/** The D1 binding as far as the tests touch it. */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { all(): Promise<{ results: Record<string, unknown>[] }> } };
}

export const ORIGIN = 'https://qr.example.vn';

export interface WorkerHarness extends Harness {
  env: WorkerEnv;
  db: Db;
}

/**
 * The real Workers entry (server/runtime/workers/worker.ts) inside workerd, on the D1 and R2
 * bindings of wrangler.toml, with the same migrations wrangler applies. Each
 * request gets its own execution context, and the harness waits for its
 * waitUntil work (the access log) the way the runtime would before the isolate
 * is let go, so what a test reads next is settled.
 */
export async function makeWorkerHarness(vars: Partial<WorkerEnv> = {}, database: D1Like = env.DB): Promise<WorkerHarness> {
  await applyD1Migrations(database, env.TEST_MIGRATIONS);
  // A small upload cap keeps the size-limit scenario fast; everything else is wrangler.toml's.
  const testEnv: WorkerEnv = { ...env, MAX_UPLOAD_MB: '1', ...vars, DB: database };
  const db = drizzle(database as Parameters<typeof drizzle>[0], { schema }) as unknown as Db;
  return {
    env: testEnv,
    db,
    maxUploadBytes: Number(testEnv.MAX_UPLOAD_MB) * 1024 * 1024,
    fetch: async (path, init) => {
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request(new URL(path, ORIGIN), init), testEnv, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    },
    addUser: async (user) => void (await addUser(db, user, Date.now())),
  };
}
