import { Agent, request } from 'node:http';
import { PHONES, PHONE_HEADERS, newDeviceId } from './load';
import type { SeededMeeting } from './seed-meeting';

export interface BurstFigures {
  devices: number;
  errors: number;
  firstError: string | null;
  pageP50: number;
  pageP99: number;
  openP99: number;
  /** From the first scan to the last document fully received. */
  totalMs: number;
  megabytes: number;
  /** Per label: how many page views were sent through its code. */
  viewsByLabel: Map<string, number>;
}

interface Answer {
  status: number;
  bytes: number;
  ms: number;
}

function get(baseUrl: string, path: string, headers: Record<string, string>, agent: Agent): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, { headers, agent, timeout: 10_000 }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 10 s')));
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/**
 * The chair says "scan the code on your table": `devices` phones, each with its
 * own device cookie and browser, arrive over `spreadMs`, load their table's page
 * and open one document (whole file), on their own keep-alive connection.
 */
export async function scanBurst(baseUrl: string, seed: SeededMeeting, devices = 1500, spreadMs = 5000): Promise<BurstFigures> {
  const pageMs: number[] = [];
  const openMs: number[] = [];
  const viewsByLabel = new Map<string, number>();
  let errors = 0;
  let firstError: string | null = null;
  let bytes = 0;
  const fail = (message: string) => {
    errors++;
    firstError ??= message;
  };
  const started = performance.now();

  const device = async (i: number) => {
    const wait = started + (i * spreadMs) / devices - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { label, token } = seed.labelled[i % seed.labelled.length]!;
    const doc = seed.documents[i % seed.documents.length]!;
    const headers = { ...PHONE_HEADERS, 'user-agent': PHONES[i % PHONES.length]!, cookie: `qrhop_d=${newDeviceId()}` };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      viewsByLabel.set(label, (viewsByLabel.get(label) ?? 0) + 1);
      const page = await get(baseUrl, `/s/${token}`, headers, agent);
      if (page.status !== 200) return fail(`page ${page.status}`);
      pageMs.push(page.ms);
      const open = await get(baseUrl, `/s/${token}/d/${doc.id}`, { ...headers, accept: 'application/pdf,*/*' }, agent);
      if (open.status !== 200 || open.bytes !== doc.size) return fail(`document ${open.status}, ${open.bytes} of ${doc.size} bytes`);
      openMs.push(open.ms);
      bytes += page.bytes + open.bytes;
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: devices }, (_, i) => device(i)));
  const totalMs = performance.now() - started;
  pageMs.sort((a, b) => a - b);
  openMs.sort((a, b) => a - b);
  return {
    devices, errors, firstError, totalMs, megabytes: bytes / 1e6, viewsByLabel,
    pageP50: percentile(pageMs, 0.5), pageP99: percentile(pageMs, 0.99), openP99: percentile(openMs, 0.99),
  };
}
