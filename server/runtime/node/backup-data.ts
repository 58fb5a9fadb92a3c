// Node-only: backup and restore of an embedded (SQLite + local or S3 store) installation.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { tightenTree } from './node-file-modes';

export interface BackupManifest {
  createdAt: string;
  storage: 'local' | 's3';
  objects: { key: string; size: number; sha256: string }[];
  /** Versions whose object vanished while the backup ran (their document was deleted): left out. */
  omitted: string[];
}

const objectPath = (root: string, key: string) => join(root, ...key.split('/'));

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Backs up a live installation: SQLite's online backup (consistent while the
 * server keeps writing), then a copy of every object the snapshot refers to
 * (objects are immutable: a new version gets a new key). For S3 the objects
 * stay in the bucket and the manifest lists them.
 */
export async function backupData(dataDir: string, target: string, storage: 'local' | 's3'): Promise<BackupManifest> {
  await mkdir(target, { recursive: true, mode: 0o700 });
  if ((await readdir(target)).length) throw new Error(`backup folder ${target} is not empty`);
  const snapshotPath = join(target, 'qrhop.db');
  const live = new Database(join(dataDir, 'qrhop.db'), { readonly: true });
  try {
    await live.backup(snapshotPath);
  } finally {
    live.close();
  }
  const snapshot = new Database(snapshotPath);
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), storage, objects: [], omitted: [] };
  try {
    // Phone renditions are not backed up: they are rebuilt from the originals (the server queues
    // every missing one at start), which keeps a backup to the originals' size. Their rows go,
    // with their jobs, so the restored server knows they are missing.
    snapshot.exec("delete from rendition_pages; delete from renditions; delete from jobs where kind = 'render-document'");
    const versions = snapshot.prepare('select document_id as id, version, storage_key as key, size from document_versions').all() as { id: string; version: number; key: string; size: number }[];
    for (const v of versions) {
      if (storage === 's3') {
        manifest.objects.push({ key: v.key, size: v.size, sha256: '' });
        continue;
      }
      const from = objectPath(join(dataDir, 'objects'), v.key);
      const to = objectPath(join(target, 'objects'), v.key);
      try {
        await mkdir(dirname(to), { recursive: true });
        await copyFile(from, to);
        await copyFile(from + '.meta.json', to + '.meta.json').catch(() => {});
        manifest.objects.push({ key: v.key, size: (await stat(to)).size, sha256: await sha256File(to) });
      } catch {
        // Deleted between the snapshot and the copy: drop it from the backup so no row points at nothing.
        snapshot.prepare('delete from document_versions where document_id = ? and version = ?').run(v.id, v.version);
        snapshot.prepare('delete from documents where id = ? and not exists (select 1 from document_versions where document_id = ?)').run(v.id, v.id);
        manifest.omitted.push(v.key);
      }
    }
  } finally {
    snapshot.close();
  }
  await writeFile(join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
  tightenTree(target); // a backup holds what the data dir holds: owner only
  return manifest;
}

// The keys the app makes (docs/<meeting>/<document>/<id>, logos/…): no dots, no backslashes,
// never absolute. A manifest is read from a USB stick someone handed over: trust nothing in it.
const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Every key checked before a byte is written: shaped like ours, and inside `root` once resolved. */
function checkManifest(manifest: BackupManifest, root: string): void {
  if (!manifest || !Array.isArray(manifest.objects) || (manifest.storage !== 'local' && manifest.storage !== 's3')) throw new Error('backup manifest is malformed; restore stopped');
  for (const object of manifest.objects) {
    const key = object?.key;
    if (typeof key !== 'string' || !SAFE_KEY.test(key) || key.length > 512) throw new Error(`backup manifest key ${JSON.stringify(key)} is not a storage key; restore stopped, nothing written`);
    const to = resolve(objectPath(root, key));
    if (!to.startsWith(resolve(root) + sep)) throw new Error(`backup manifest key ${JSON.stringify(key)} points outside the data dir; restore stopped, nothing written`);
    if (manifest.storage === 'local' && !SHA256.test(object.sha256)) throw new Error(`backup manifest key ${key} has no valid hash; restore stopped, nothing written`);
  }
}

/**
 * Restores a backup into an empty data dir. Every manifest key is checked before anything is
 * written; the files are copied into a staging folder inside the data dir and each copy's hash
 * checked; only when all match are the database and objects moved into place (renames within
 * one file system). Any failure removes the staging folder: the data dir stays empty.
 */
export async function restoreData(source: string, dataDir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(source, 'manifest.json'), 'utf8')) as BackupManifest;
  checkManifest(manifest, join(dataDir, 'objects'));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const existing = (await readdir(dataDir)).filter((name) => name !== 'secret');
  if (existing.length) throw new Error(`data dir ${dataDir} is not empty (${existing.slice(0, 3).join(', ')}…): restore into an empty folder`);
  const staging = await mkdtemp(join(dataDir, '.restore-'));
  try {
    await copyFile(join(source, 'qrhop.db'), join(staging, 'qrhop.db'));
    for (const object of manifest.storage === 'local' ? manifest.objects : []) {
      const from = objectPath(join(source, 'objects'), object.key);
      const to = objectPath(join(staging, 'objects'), object.key);
      await mkdir(dirname(to), { recursive: true });
      await copyFile(from, to);
      await copyFile(from + '.meta.json', to + '.meta.json').catch(() => {});
      if ((await sha256File(to)) !== object.sha256) throw new Error(`backup object ${object.key} is damaged (hash mismatch); restore stopped, nothing restored`);
    }
    await mkdir(join(staging, 'objects'), { recursive: true });
    await rename(join(staging, 'objects'), join(dataDir, 'objects'));
    await rename(join(staging, 'qrhop.db'), join(dataDir, 'qrhop.db'));
  } catch (error) {
    await rm(join(dataDir, 'objects'), { recursive: true, force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  tightenTree(dataDir);
  return manifest;
}
