// Node only: who may read the data dir. It holds the database (code tokens in clear, PIN and
// password hashes), every stored document, confidential ones included, and the server secret.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files this process creates are the owner's only (0600 files, 0700 folders), whatever umask
 * it was started with: SQLite's database, WAL and SHM files, stored objects, temporary
 * uploads, backups. Called first thing by the server and the CLI.
 */
export function createPrivateFiles(): void {
  process.umask(0o077);
}

/**
 * Takes group and other permissions away from everything under `root` (an installation
 * made by an older version, or copied in with a loose umask). Symbolic links are left
 * alone: chmod would follow them out of the tree.
 */
export function tightenTree(root: string): void {
  const visit = (path: string) => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return; // gone meanwhile
    }
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if ((st.mode & 0o077) !== 0) {
      chmodSync(path, st.mode & 0o700);
    }
  };
  visit(root);
}
