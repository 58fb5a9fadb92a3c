import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BareConfig } from './bare-server';

export interface BareServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the baseline server in its own process, as the real server runs in its own. */
export async function startBareServer(config: BareConfig, configFile: string): Promise<BareServer> {
  writeFileSync(configFile, JSON.stringify(config));
  const script = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`baseline server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process, in bytes: now (VmRSS) and its peak so far (VmHWM). */
export function processMemory(pid: number): { rss: number; peak: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    // Not Linux: ps gives the current RSS only; the peak comes from sampling.
    const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
    return { rss, peak: null };
  }
}

/** CPU time a process has used so far (user + system, all threads), in µs; NaN where /proc is missing. */
export function processCpuMicros(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

/** Resets the kernel's peak-RSS mark (Linux), so the next peak belongs to what follows. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the highest value seen. */
export function sampleMemory(pid: number, intervalMs = 50) {
  let max = processMemory(pid).rss;
  const timer = setInterval(() => {
    try {
      max = Math.max(max, processMemory(pid).rss);
    } catch {
      // the process ended
    }
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      return max;
    },
  };
}
