// Node-only: backup and restore of an embedded (SQLite + local or S3 store) installation.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

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
  await mkdir(target, { recursive: true });
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
  return manifest;
}

/** Restores a backup into an empty data dir, checking every copied object against the manifest. */
export async function restoreData(source: string, dataDir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(source, 'manifest.json'), 'utf8')) as BackupManifest;
  await mkdir(dataDir, { recursive: true });
  const existing = (await readdir(dataDir)).filter((name) => name !== 'secret');
  if (existing.length) throw new Error(`data dir ${dataDir} is not empty (${existing.slice(0, 3).join(', ')}…): restore into an empty folder`);
  await copyFile(join(source, 'qrhop.db'), join(dataDir, 'qrhop.db'));
  for (const object of manifest.storage === 'local' ? manifest.objects : []) {
    const from = objectPath(join(source, 'objects'), object.key);
    const to = objectPath(join(dataDir, 'objects'), object.key);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    await copyFile(from + '.meta.json', to + '.meta.json').catch(() => {});
    if ((await sha256File(to)) !== object.sha256) {
      await rm(join(dataDir, 'qrhop.db'), { force: true });
      throw new Error(`backup object ${object.key} is damaged (hash mismatch); restore stopped`);
    }
  }
  return manifest;
}
