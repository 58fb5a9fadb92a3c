#!/usr/bin/env node
// The `qrhop` command. `qrhop` or `qrhop start` runs the server in this very process (no child
// process: Ctrl+C or a SIGTERM to this PID stops the server and frees the port); any other
// word is a CLI command (`qrhop user add …`). A release runs the JavaScript compiled into
// dist/ at pack time; `--from-source` (what `npm start` in a clone uses) builds the console
// and runs the TypeScript sources through tsx, a dev dependency.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** web/dist missing or older than what it is built from: build it again (else start at once). */
function consoleIsStale() {
  const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
  const newest = (path) => {
    const stat = statSync(path);
    return stat.isDirectory() ? Math.max(0, ...readdirSync(path).map((name) => newest(`${path}/${name}`))) : stat.mtimeMs;
  };
  const built = statSync(at('web/dist/index.html'), { throwIfNoEntry: false });
  return !built || ['web/src', 'web/index.html', 'vite.config.ts', 'shared'].some((p) => newest(at(p)) > built.mtimeMs);
}

const args = process.argv.slice(2);
const fromSource = args.includes('--from-source');
// `--cli` (what `npm run qrhop` passes): no command means "show the commands", not "start".
const cliOnly = args.includes('--cli');
const rest = args.filter((a) => a !== '--from-source' && a !== '--cli');
const starting = rest[0] === 'start' || (rest.length === 0 && !cliOnly);
const built = existsSync(fileURLToPath(new URL('../dist/qrhop-server.js', import.meta.url)));

if (fromSource || !built) {
  if (fromSource && starting && consoleIsStale()) {
    // The console as the server will serve it; Vite's JS API, in this process.
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  const { register } = await import('tsx/esm/api');
  register();
}

// The CLI reads its own arguments from process.argv.
process.argv = [process.argv[0], process.argv[1], ...(starting ? [] : rest)];
if (starting) {
  const server = fromSource || !built ? await import('../server/runtime/node/node.ts') : await import('../dist/qrhop-server.js');
  server.run();
} else if (fromSource || !built) {
  await import('../server/runtime/node/cli/main.ts');
} else {
  await import('../dist/qrhop-cli.js');
}
