import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { setPriority } from 'node:os';

export interface ToolResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunToolOptions {
  signal: AbortSignal;
  /** Killed (with its children) past this; the result is then a rejection with `timedOut`. */
  timeoutMs: number;
  /** Stdout kept at most; more kills the tool (a page image is a few MB). */
  maxStdout?: number;
  /** Address-space cap for the tool (ulimit -v, KB): a hostile file cannot eat the machine's memory. */
  memoryKb?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export class ToolError extends Error {
  constructor(message: string, readonly reason: 'timeout' | 'aborted' | 'output' | 'spawn', readonly stderr = '') {
    super(message);
    this.name = 'ToolError';
  }
}

/**
 * Runs an external tool (pdftoppm, soffice…) in its own process group, at low CPU
 * priority (delegates' requests come first), and kills the whole group on abort or
 * timeout: soffice starts helper processes that would otherwise outlive it.
 */
export function runTool(command: string, args: string[], options: RunToolOptions): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const argv = options.memoryKb ? ['sh', ['-c', `ulimit -v ${options.memoryKb} && exec "$0" "$@"`, command, ...args]] as const : [command, args] as const;
    const child = spawn(argv[0], argv[1], { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: ToolError | undefined;
    const killGroup = (why: ToolError) => {
      failure ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => killGroup(new ToolError(`${command}: no answer within ${Math.round(options.timeoutMs / 1000)} s`, 'timeout')), options.timeoutMs);
    const onAbort = () => killGroup(new ToolError(`${command}: stopped`, 'aborted'));
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) onAbort();
    if (child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // not permitted here: runs at normal priority
      }
    }
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (options.maxStdout && size > options.maxStdout) return killGroup(new ToolError(`${command}: output over ${options.maxStdout} bytes`, 'output'));
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => killGroup(new ToolError(`${command}: ${error.message}`, 'spawn')));
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if (failure) return reject(Object.assign(failure, { stderr }));
      resolve({ code, stdout: Buffer.concat(chunks), stderr });
    });
  });
}

/**
 * Whether a command is an executable file on the PATH. Looked up once at start without running
 * it: `soffice --version` alone takes seconds on a busy machine, and the server must listen at once.
 */
export async function hasTool(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}
