// Finding 5: a manifest key `../../x/escaped.txt` (with a matching hash) was written outside the
// data dir, and the hash check ran after the copy. Restore now checks every key before writing
// anything and every hash before moving anything into place.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreData } from '../../server/runtime/node/backup-data';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A backup folder with a database file, the given objects on disk and a manifest listing `keys`. */
function craftBackup(base: string, objects: { key: string; path?: string; content: string; sha256?: string }[]) {
  const source = join(base, 'backup');
  mkdirSync(join(source, 'objects'), { recursive: true });
  writeFileSync(join(source, 'qrhop.db'), 'not really a database');
  for (const o of objects) {
    const path = o.path ?? join(source, 'objects', ...o.key.split('/'));
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, o.content);
  }
  writeFileSync(join(source, 'manifest.json'), JSON.stringify({
    createdAt: new Date().toISOString(), storage: 'local', omitted: [],
    objects: objects.map((o) => ({ key: o.key, size: o.content.length, sha256: o.sha256 ?? sha(o.content) })),
  }));
  return source;
}

describe('restore (finding 5)', () => {
  it('refuses a manifest key that climbs out of the data dir, writing nothing anywhere', async () => {
    const base = mkdtempSync(join(tmpdir(), 'qrhop-restore-'));
    const source = craftBackup(base, [
      { key: 'docs/m1/d1/v1', content: 'a real document' },
      { key: '../../x/escaped.txt', path: join(base, 'x', 'escaped.txt'), content: 'planted' },
    ]);
    const dataDir = join(base, 'deep', 'data');
    await expect(restoreData(source, dataDir)).rejects.toThrow(/manifest key/);
    expect(existsSync(join(base, 'deep', 'x', 'escaped.txt'))).toBe(false);
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });

  it('refuses absolute keys and keys with backslashes or dots', async () => {
    for (const key of ['/tmp/qrhop-abs-escape', 'docs\\..\\..\\evil', 'docs/./x', 'docs/../../x']) {
      const base = mkdtempSync(join(tmpdir(), 'qrhop-restore-'));
      const source = craftBackup(base, [{ key, path: join(base, 'planted'), content: 'planted' }]);
      const dataDir = join(base, 'data');
      await expect(restoreData(source, dataDir), key).rejects.toThrow(/manifest key/);
      expect(existsSync(dataDir) ? readdirSync(dataDir) : [], key).toEqual([]);
    }
    expect(existsSync('/tmp/qrhop-abs-escape')).toBe(false);
  });

  it('checks every hash before moving anything into place: a damaged object leaves the data dir empty', async () => {
    const base = mkdtempSync(join(tmpdir(), 'qrhop-restore-'));
    const source = craftBackup(base, [
      { key: 'docs/m1/d1/v1', content: 'first document' },
      { key: 'docs/m1/d2/v1', content: 'second document, damaged on the USB stick', sha256: sha('what it was') },
    ]);
    const dataDir = join(base, 'data');
    await expect(restoreData(source, dataDir)).rejects.toThrow(/damaged/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('restores a sound backup', async () => {
    const base = mkdtempSync(join(tmpdir(), 'qrhop-restore-'));
    const source = craftBackup(base, [{ key: 'docs/m1/d1/v1', content: 'first document' }]);
    const dataDir = join(base, 'data');
    await restoreData(source, dataDir);
    expect(readdirSync(dataDir).sort()).toEqual(['objects', 'qrhop.db']);
    expect(existsSync(join(dataDir, 'objects', 'docs', 'm1', 'd1', 'v1'))).toBe(true);
  });
});
