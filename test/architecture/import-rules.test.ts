/**
 * Guards the import rules of docs/architecture.md on the real source tree, and
 * proves on a small made-up tree that each rule does fire.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findViolations, importsOf } from './import-rules';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const top of ['server', 'shared', 'web/src']) {
    for (const name of readdirSync(join(ROOT, top), { recursive: true }) as string[]) {
      if (!/\.(ts|tsx)$/.test(name)) continue;
      const path = join(ROOT, top, name);
      files.set(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  }
  return files;
}

describe('import rules', () => {
  it('the source tree keeps every rule', () => {
    const files = sourceFiles();
    expect(files.size).toBeGreaterThan(150); // the walk found the tree
    expect(findViolations(files).map((v) => `${v.rule}: ${v.file}: ${v.detail}`)).toEqual([]);
  });

  it('reads static, type-only, side-effect and dynamic imports and re-exports', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import './c';",
      "export { d } from './d';",
      "const e = await import('./e');",
      "type F = import('./f').F;",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a', '../b', './c', './d', './e', './f']);
  });

  it('each rule fires on a made-up tree that breaks it', () => {
    const bad = new Map<string, string>([
      ['web/src/api/x.ts', "import { y } from '../../../server/meetings/y';"],
      ['server/meetings/y.ts', "import { readFile } from 'node:fs';\nimport { z } from '../runtime/node/z';\nimport { d } from '../documents/d';"],
      ['server/documents/d.ts', "import { y } from '../meetings/y';"],
      ['server/runtime/node/z.ts', 'export const z = 1;'],
      ['server/runtime/workers/w.ts', "import { z } from '../node/z';"],
      ['server/app-env.ts', "import type { D } from './documents/d';"],
      ['server/db/q.ts', "import { y } from '../meetings/y';\nimport Database from 'better-sqlite3';"],
      ['shared/s.ts', "import { y } from '../server/meetings/y';"],
      ['server/print/p.ts', "const fs = await import('fs');"],
      ['server/codes/c.ts', 'const base = process.env.PUBLIC_URL;'],
    ]);
    const rules = findViolations(bad).map((v) => `${v.rule} ${v.file}`);
    expect(rules).toEqual(expect.arrayContaining([
      'web-imports-server web/src/api/x.ts',
      'runtime-package-outside-runtime server/meetings/y.ts',
      'neutral-imports-runtime server/meetings/y.ts',
      'workers-imports-node server/runtime/workers/w.ts',
      'app-env-imports-feature server/app-env.ts',
      'infrastructure-imports-feature server/db/q.ts',
      'runtime-package-outside-runtime server/db/q.ts',
      'shared-imports-app shared/s.ts',
      'runtime-package-outside-runtime server/print/p.ts',
      'process-outside-runtime server/codes/c.ts',
      'folder-cycle server/documents',
    ]));
    // meetings ↔ documents is one loop, reported once.
    expect(rules.filter((r) => r.startsWith('folder-cycle'))).toEqual(['folder-cycle server/documents']);
  });
});
