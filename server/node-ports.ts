// Node-only wiring shared by the two Node entries (server/node.ts and server/cli.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import type { NodeConfig } from './config';
import { openSqlite } from './db/sqlite-client';
import { LocalDiskStore } from './storage/local-disk-store';
import type { ObjectStore } from './storage/object-store';

/** The first non-internal IPv4 address: what phones on the same Wi-Fi can reach. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return 'localhost';
}

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
    const { S3Store } = await import('./storage/s3-store');
    const store = new S3Store(config.s3);
    await store.verify();
    return store;
  }
  const local = new LocalDiskStore(join(config.dataDir, 'objects'));
  return options.alongsideServer ? local : local.open();
}

export function openDatabase(config: NodeConfig) {
  mkdirSync(config.dataDir, { recursive: true });
  return openSqlite(join(config.dataDir, 'qrhop.db'));
}

export const brotli = (bytes: Uint8Array): Uint8Array =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
};

/** Loads the built console (web/dist) into memory once. */
export function loadConsoleAssets(dir = fileURLToPath(new URL('../web/dist', import.meta.url))) {
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
