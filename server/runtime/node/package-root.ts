import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * A file of the installed package (drizzle/, web/dist/), found from this module's place:
 * the same code runs from server/runtime/node/ (from source, through tsx) and bundled
 * into dist/ (the release), so a fixed number of '../' would be right for one only.
 */
export function packageFile(...parts: string[]): string {
  if (!root) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'drizzle'))) {
      const up = dirname(dir);
      if (up === dir) throw new Error('qrhop: cannot find the package folder (package.json beside drizzle/)');
      dir = up;
    }
    root = dir;
  }
  return join(root, ...parts);
}
