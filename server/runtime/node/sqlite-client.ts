import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from '../../db/database';
import * as schema from '../../db/schema';
import { packageFile } from './package-root';

const MIGRATIONS = packageFile('drizzle');

export interface SqliteHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** Opens (or creates) the SQLite file, sets safe pragmas and applies pending migrations. */
export function openSqlite(file: string): SqliteHandle {
  const sqlite = new Database(file);
  // busy_timeout first: the other pragmas may already need to wait for a lock.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, sqlite, close: () => sqlite.close() };
}
