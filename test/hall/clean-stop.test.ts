// Stopping what the start command launched stops the server: no orphan holds the port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/start-server';
import { buildConsole, ROOT } from '../e2e/console-harness';

const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});

async function launch(command: string, args: string[]) {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'qrhop-stop-')), PUBLIC_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, child, exited, output: () => out };
}

async function freedWithin(port: number, ms: number) {
  const deadline = Date.now() + ms;
  while (await portOpen(port)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

beforeAll(() => buildConsole(), 180_000); // so `npm start` does not build it again here

describe('clean stop', () => {
  it('SIGTERM to the PID of `npm start` stops the server and frees the port within 3 s', async () => {
    const { port, child, output } = await launch('npm', ['start']);
    expect(output()).toContain('To stop QRHop: press Ctrl+C');
    child.kill('SIGTERM');
    expect(await freedWithin(port, 3000)).toBe(true);
    // Nothing left answering on it a moment later either.
    await new Promise((r) => setTimeout(r, 500));
    expect(await portOpen(port)).toBe(false);
  }, 90_000);

  it.each(['SIGTERM', 'SIGINT'] as const)('%s to `qrhop start` exits 0 after writing what it must, and frees the port', async (signal) => {
    const { port, child, exited, output } = await launch(process.execPath, ['bin/qrhop.js', 'start', '--from-source']);
    (child as ChildProcess).kill(signal);
    expect(await exited).toBe(0);
    expect(output()).toContain(`${signal}: stopping`);
    expect(await portOpen(port)).toBe(false);
  }, 90_000);
});
