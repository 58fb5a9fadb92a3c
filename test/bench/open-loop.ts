import { Agent, request } from 'node:http';
import { processCpuMicros } from './child-processes';
import { newDeviceId, PHONE_HEADERS } from './load';

export interface OpenLoopFigures {
  offered: number;
  /** Answers per second actually completed. */
  rps: number;
  /** From each request's scheduled time (not its send time): a late client counts as slow. */
  p50: number;
  p99: number;
  errors: number;
  ok: number;
  /** The server's CPU use over the step, in % of one core (NaN where unknown). */
  serverCpu: number;
}

/**
 * An open-loop load: `rate` requests per second at evenly spaced times, over up to
 * 100 keep-alive connections, whatever the answers' pace (autocannon's rate limit
 * fires each second's quota in one burst, which measures a burst, not a rate).
 * Latency runs from the scheduled time, so queueing anywhere shows.
 */
export async function openLoop(url: string, rate: number, seconds: number, serverPid?: number): Promise<OpenLoopFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });
  // 1,000 phones; their headers made once, so the generator spends its core on sending.
  const phones = Array.from({ length: 1000 }, () => ({ ...PHONE_HEADERS, cookie: `qrhop_d=${newDeviceId()}` }));
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const cpuBefore = serverPid ? processCpuMicros(serverPid) : NaN;
  const started = performance.now();

  const send = (i: number, due: number) => new Promise<void>((resolve) => {
    const req = request(url, { agent, headers: phones[i % phones.length]!, timeout: 10_000 }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - due);
        else errors++;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end();
  });

  const pending: Promise<void>[] = [];
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + (sent * 1000) / rate <= now) {
        pending.push(send(sent, started + (sent * 1000) / rate));
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = serverPid ? (processCpuMicros(serverPid) - cpuBefore) / (elapsed * 10_000) : NaN;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { offered: rate, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, ok: latencies.length, serverCpu };
}
