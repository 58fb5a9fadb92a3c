import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a stopped server's data dir directly: document versions, stored objects, integrity. */
export function inspectDataDir(dataDir: string) {
  const db = new Database(join(dataDir, 'qrhop.db'), { readonly: true });
  try {
    const versions = db.prepare('select document_id as documentId, version, storage_key as storageKey, size, etag from document_versions').all() as {
      documentId: string; version: number; storageKey: string; size: number; etag: string;
    }[];
    const integrity = (db.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check;
    const objectsDir = join(dataDir, 'objects');
    const objectPath = (key: string) => join(objectsDir, ...key.split('/'));
    const broken = versions.filter((v) => {
      const path = objectPath(v.storageKey);
      if (!existsSync(path) || statSync(path).size !== v.size) return true;
      const digest = `"${createHash('sha256').update(readFileSync(path)).digest('base64url')}"`;
      return digest !== v.etag;
    });
    const tmpDir = join(objectsDir, '.tmp');
    const tmpFiles = existsSync(tmpDir) ? readdirSync(tmpDir) : [];
    return { versions, integrity, broken, tmpFiles };
  } finally {
    db.close();
  }
}
