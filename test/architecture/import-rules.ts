/**
 * The import rules of docs/architecture.md, checked on the source files themselves
 * (their import statements), so a forbidden import fails `npm test` instead of
 * waiting for a reviewer. Paths are repository-relative with '/' separators.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

/** Top-level folders of server/ that hold a feature (routes + domain of one concern). */
export const FEATURES = ['access', 'audit', 'auth', 'base-url', 'books', 'codes', 'console', 'delegate', 'documents', 'meetings', 'print', 'sessions', 'setup', 'stamps', 'test-scan', 'users'];
/** What app-env.ts (the ports every feature sees) may import: infrastructure only. */
const APP_ENV_MAY_IMPORT = ['server/db/', 'server/storage/', 'server/ports/', 'server/domain-error.ts'];
/** Packages that only one runtime has; runtime-neutral code must receive them as ports. */
const RUNTIME_PACKAGES = /^(node:|better-sqlite3$|@hono\/node-server|drizzle-orm\/better-sqlite3|drizzle-orm\/d1|@aws-sdk\/|tsx(\/|$))/;
const BUILTINS = new Set(builtinModules);

export interface Violation {
  rule: string;
  file: string;
  detail: string;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** The module specifiers a source file imports (static, side-effect and dynamic imports, re-exports). */
export function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[2]!);
}

/** A relative specifier resolved against the set of known files ('' when it leads nowhere known). */
function resolveRelative(from: string, spec: string, known: Set<string>): string {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.d.ts`, `${base}/index.ts`]) if (known.has(candidate)) return candidate;
  return base;
}

/**
 * The unit a server file belongs to for the cycle rule: each runtime wing, each
 * top-level folder, and each file directly under server/ on its own.
 */
export function unitOf(file: string): string | undefined {
  if (!file.startsWith('server/')) return undefined;
  const parts = file.split('/');
  if (parts[1] === 'runtime') return parts.length > 3 ? `server/runtime/${parts[2]}` : 'server/runtime';
  return parts.length > 2 ? `server/${parts[1]}` : file;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || /\.scenarios\.ts$/.test(file);
const isNeutralServer = (file: string) => file.startsWith('server/') && !file.startsWith('server/runtime/');
const isFeature = (file: string) => FEATURES.includes(file.split('/')[1] ?? '') && file.split('/').length > 2;

/** Every rule broken by these files (path → source text). */
export function findViolations(files: Map<string, string>): Violation[] {
  const known = new Set(files.keys());
  const violations: Violation[] = [];
  const edges = new Map<string, Map<string, string>>(); // unit → unit → one file import that makes the edge

  for (const [file, source] of files) {
    // The process's environment, signals and exit belong to the Node entry; settings come in as AppSettings.
    if (!isTest(file) && isNeutralServer(file) && /\bprocess\.(env|on|once|exit|argv|cwd)\b/.test(source)) {
      violations.push({ rule: 'process-outside-runtime', file, detail: 'reads the Node process (env, signals, exit): settings and lifecycle come from server/runtime/' });
    }
    for (const spec of importsOf(source)) {
      const target = spec.startsWith('.') ? resolveRelative(file, spec, known) : undefined;
      const add = (rule: string, detail: string) => violations.push({ rule, file, detail: `${detail} (imports '${spec}')` });

      if (file.startsWith('web/') && target?.startsWith('server/')) add('web-imports-server', 'the console reaches the server only over HTTP, typed by shared/');
      if (file.startsWith('shared/') && (target?.startsWith('server/') || target?.startsWith('web/'))) add('shared-imports-app', 'shared/ is imported by both sides and imports neither');

      if (!isTest(file) && isNeutralServer(file)) {
        if (!target && (RUNTIME_PACKAGES.test(spec) || BUILTINS.has(spec))) add('runtime-package-outside-runtime', `'${spec}' exists on one runtime only: pass it in as a port from server/runtime/`);
        if (target?.startsWith('server/runtime/')) add('neutral-imports-runtime', 'runtime-neutral code imports a runtime wing');
      }
      if (!isTest(file) && file.startsWith('server/runtime/workers/') && target?.startsWith('server/runtime/node/')) add('workers-imports-node', 'the Workers bundle would carry Node-only code');
      if (!isTest(file) && file.startsWith('server/runtime/node/') && target?.startsWith('server/runtime/workers/')) add('node-imports-workers', 'the Node wing imports the Workers wing');
      if (file === 'server/app-env.ts' && target && !APP_ENV_MAY_IMPORT.some((p) => target.startsWith(p))) add('app-env-imports-feature', 'app-env.ts may import infrastructure only (db/, storage/, ports/)');
      if (!isTest(file) && ['server/db/', 'server/storage/', 'server/ports/', 'server/http/'].some((p) => file.startsWith(p)) && target && isFeature(target)) {
        add('infrastructure-imports-feature', 'infrastructure folders are below every feature');
      }

      const from = isTest(file) ? undefined : unitOf(file);
      const to = target ? unitOf(target) : undefined;
      if (from && to && from !== to) {
        const out = edges.get(from) ?? new Map<string, string>();
        if (!out.has(to)) out.set(to, `${file} → ${target}`);
        edges.set(from, out);
      }
    }
  }

  for (const cycle of unitCycles(edges)) {
    const steps = cycle.map((unit, i) => edges.get(unit)!.get(cycle[(i + 1) % cycle.length]!)!);
    violations.push({ rule: 'folder-cycle', file: cycle[0]!, detail: `${[...cycle, cycle[0]].join(' → ')}: ${steps.join('; ')}` });
  }
  return violations;
}

/** One shortest cycle through each unit that is on a cycle (reported once per set of units). */
function unitCycles(edges: Map<string, Map<string, string>>): string[][] {
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const start of [...edges.keys()].sort()) {
    // Breadth-first from start's successors back to start: the shortest loop through it.
    const previous = new Map<string, string>();
    const queue = [...(edges.get(start)?.keys() ?? [])];
    for (const next of queue) previous.set(next, start);
    let found = false;
    while (queue.length && !found) {
      const unit = queue.shift()!;
      if (unit === start) {
        found = true;
        break;
      }
      for (const next of edges.get(unit)?.keys() ?? []) {
        if (previous.has(next)) continue;
        previous.set(next, unit);
        queue.push(next);
      }
    }
    if (!found) continue;
    const cycle = [start];
    for (let unit = previous.get(start)!; unit !== start; unit = previous.get(unit)!) cycle.unshift(unit);
    cycle.unshift(cycle.pop()!);
    const key = [...cycle].sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    cycles.push(cycle);
  }
  return cycles;
}
