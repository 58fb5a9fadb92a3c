import { request } from 'node:http';
import { readFileSync } from 'node:fs';

export interface AttackAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Body bytes written before the answer came or the connection ended. */
  sent: number;
}

/**
 * Sends a chunked body of up to `totalBytes` (a prefix, then filler) and stops writing as soon
 * as the server answers or closes: what an attacker's streaming upload looks like.
 * `localAddress` binds the client side (Linux routes all of 127/8 to lo: 127.0.0.2 is another client).
 */
export function sendChunked(url: string, options: { method?: string; headers?: Record<string, string>; prefix?: string; totalBytes: number; localAddress?: string; filler?: number }): Promise<AttackAnswer> {
  const chunk = Buffer.alloc(64 * 1024, options.filler ?? 0x61);
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    let answer: AttackAnswer | undefined;
    const req = request(url, { method: options.method ?? 'POST', headers: { 'transfer-encoding': 'chunked', ...options.headers }, localAddress: options.localAddress }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, headers: res.headers, body, sent };
        req.destroy();
        resolve(answer);
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent }));
    });
    req.on('error', () => {
      if (!answer) setTimeout(() => resolve(answer ?? { status: 0, headers: {}, body: '', sent }), answered ? 200 : 0);
    });
    const write = () => {
      if (sent === 0 && options.prefix) {
        req.write(options.prefix);
        sent += Buffer.byteLength(options.prefix);
      }
      while (!answered && !req.destroyed && sent < options.totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!answered && !req.destroyed) req.end();
    };
    write();
  });
}

/** Resident memory of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** Samples a process's RSS every 50 ms while `work` runs; returns the work's result and the highest RSS seen. */
export async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process is gone
    }
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}
