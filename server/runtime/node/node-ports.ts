// Node-only wiring shared by the two Node entries (node.ts and cli/main.ts).
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { AccessEventInput, AccessEventWriter } from '../../access/access-recorder';
import type { KeyedHash } from '../../ports/cookieless-visits';
import type { NodeConfig } from './config';
import { accessEvents } from '../../db/schema';
import { openSqlite } from './sqlite-client';
import { LocalDiskStore } from './local-disk-store';
import { tightenTree } from './node-file-modes';
import type { ObjectStore } from '../../storage/object-store';

/** The first non-internal IPv4 address: what phones on the same Wi-Fi can reach. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return 'localhost';
}

/** A keyed hash with a fresh random key that lives in memory only (cookieless bursts: addresses are never kept in clear). */
export const freshKeyedHash = (): KeyedHash => {
  const key = randomBytes(32);
  return (text) => createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);
};

/** A random secret made on first start and kept in the data dir (readable by the owner only). */
export function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * The configured store, checked (S3: bucket and credentials). `alongsideServer`: for
 * CLI commands that may run while the server does; the local store then keeps its
 * temporary files, which may be uploads in flight.
 */
export async function openStore(config: NodeConfig, options: { alongsideServer?: boolean } = {}): Promise<ObjectStore> {
  if (config.storage === 's3' && config.s3) {
    const { S3Store } = await import('./s3-store');
    const store = new S3Store(config.s3);
    await store.verify();
    return store;
  }
  return new LocalDiskStore(join(config.dataDir, 'objects')).open({ keepTemporary: options.alongsideServer });
}

export function openDatabase(config: NodeConfig) {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Owner-only, also for what an older version or a loose umask left readable by others.
  tightenTree(config.dataDir);
  return openSqlite(join(config.dataDir, 'qrhop.db'));
}

// Rows per insert statement: SQLite's and the driver's cost per statement is paid once for
// 50 rows (2.3 µs an event against 3.2 µs one row at a time, measured here).
const ROWS_PER_STATEMENT = 50;

/**
 * Writes access events through two prepared statements (50 rows, one row), in one
 * transaction per batch. Same rows as the portable drizzle writer, but without
 * building SQL text for every batch: that cost a tenth of the server's CPU at 5,000
 * views/s and stalled the event loop for tens of milliseconds per flush. Columns,
 * defaults and value mapping come from the schema, so they cannot drift from it.
 */
export function sqliteEventWriter(sqlite: Database.Database): AccessEventWriter {
  const columns = Object.entries(getTableColumns(accessEvents)).filter(([, column]) => !column.primary);
  const keys = columns.map(([key]) => key as keyof AccessEventInput);
  const insertOf = (rows: number) => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    return sqlite.prepare(`insert into "access_events" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values ${Array(rows).fill(tuple).join(', ')}`);
  };
  const insertOne = insertOf(1);
  const insertMany = insertOf(ROWS_PER_STATEMENT);
  // A plain loop, no closure per row: this runs for every page view.
  const pushRow = (values: unknown[], event: AccessEventInput) => {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]![1];
      const value = event[keys[i]!] ?? column.default;
      values.push(value === undefined || value === null ? null : column.mapToDriverValue(value));
    }
  };
  const writeAll = sqlite.transaction((batch: AccessEventInput[]) => {
    let next = 0;
    for (; next + ROWS_PER_STATEMENT <= batch.length; next += ROWS_PER_STATEMENT) {
      const values: unknown[] = [];
      for (let i = next; i < next + ROWS_PER_STATEMENT; i++) pushRow(values, batch[i]!);
      insertMany.run(values);
    }
    for (; next < batch.length; next++) {
      const values: unknown[] = [];
      pushRow(values, batch[next]!);
      insertOne.run(values);
    }
  });
  return (batch) => void writeAll(batch);
}

// Pages are compressed when first asked for after a change, with delegates waiting; for a
// 9 KB delegate page, quality 11 took 13.5 ms of CPU for 2,099 bytes, quality 7 0.13 ms
// for 2,275 (measured here). A hall scanning 50 table codes right after an organizer's edit
// would queue behind 100 such renders; 176 bytes do not change the round trips.
export const brotli = (bytes: Uint8Array): Uint8Array =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 7, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
};

/** Loads the built console (web/dist) into memory once. */
export function loadConsoleAssets(dir = fileURLToPath(new URL('../../../web/dist', import.meta.url))) {
  const assets = new Map<string, { body: Uint8Array; type: string; immutable: boolean }>();
  if (!existsSync(dir)) return undefined;
  const root = resolve(dir);
  for (const name of readdirSync(root, { recursive: true }) as string[]) {
    const full = join(root, name);
    if (!statSync(full).isFile()) continue;
    const path = '/' + relative(root, full).split(sep).join('/');
    const ext = path.slice(path.lastIndexOf('.'));
    assets.set(path, { body: readFileSync(full), type: TYPES[ext] ?? 'application/octet-stream', immutable: path.startsWith('/assets/') });
  }
  return assets;
}
