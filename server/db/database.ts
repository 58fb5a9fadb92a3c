import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/** The database as feature code sees it: better-sqlite3 on Node, D1 on Workers. Always `await` queries. */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

export type BatchStatement = BatchItem<'sqlite'> & { run(): unknown };

/**
 * Runs writes all-or-nothing. D1 has no interactive transactions, so shared code
 * hands over a list of statements: D1 sends them as one batch, better-sqlite3
 * runs them in one transaction on its single connection.
 */
export async function runBatch(db: Db, statements: BatchStatement[]): Promise<void> {
  if (statements.length === 0) return;
  const withBatch = db as unknown as { batch?: (items: unknown[]) => Promise<unknown> };
  if (typeof withBatch.batch === 'function') {
    await withBatch.batch(statements);
    return;
  }
  const sync = db as unknown as { transaction: (fn: () => void) => void };
  sync.transaction(() => {
    for (const statement of statements) statement.run();
  });
}

/**
 * D1 binds at most 100 parameters per statement (SQLite allows 32,766), so a
 * query over a list of ids runs once per slice of at most this many ids.
 */
export const IDS_PER_QUERY = 90;

/** Runs `query` over `ids` in slices that fit D1's parameter limit, and concatenates the rows. */
export async function inSlices<T>(ids: readonly string[], query: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) rows.push(...(await query(ids.slice(i, i + IDS_PER_QUERY))));
  return rows;
}
