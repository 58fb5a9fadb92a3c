import { randomBytes } from 'node:crypto';
import autocannon, { type Options, type Result } from 'autocannon';
import { processCpuMicros } from './child-processes';

/** What phones in the hall send: a real browser (bots are not counted), Vietnamese, compression. */
export const PHONES = [
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 12; Redmi Note 11 Build/SKQ1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100662 ZaloTheme/light ZaloLanguage/vi',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/450.0.0.38.108;FBBV/1;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBLC/vi_VN;FBOP/5]',
  'Mozilla/5.0 (Linux; Android 11; SAMSUNG SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
];

export const PHONE_HEADERS = {
  'user-agent': PHONES[0]!,
  'accept': 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8',
};

/** A device id cookie value as the server issues them (base64url, 32 characters). */
export const newDeviceId = () => randomBytes(24).toString('base64url');

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  /** Response bytes per second, in MB (10^6). */
  mbps: number;
  errors: number;
  non2xx: number;
  ok: number;
  /**
   * The server process's CPU time (all threads) per answered request, in µs: what a
   * request costs, far steadier than req/s on a machine others are using. NaN if unknown.
   */
  cpuPerRequest: number;
}

const figures = (r: Result, cpuMicros: number): LoadFigures => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  mbps: r.throughput.average / 1e6,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  ok: r['2xx'],
  cpuPerRequest: cpuMicros / Math.max(1, r['2xx'] + r.non2xx),
});

/**
 * autocannon in this process. Every connection is one phone with its own device
 * cookie, sent on each of its requests (a delegate coming back to the page).
 */
export async function runLoad(options: Options & { deviceCookies?: boolean; serverPid?: number }): Promise<LoadFigures> {
  const { deviceCookies = true, serverPid, ...rest } = options;
  const cpuBefore = serverPid ? processCpuMicros(serverPid) : NaN;
  const headers = { ...PHONE_HEADERS, ...rest.headers };
  const result = await autocannon({
    timeout: 10,
    ...rest,
    headers,
    ...(deviceCookies && { setupClient: (client) => client.setHeaders({ ...headers, cookie: `qrhop_d=${newDeviceId()}` }) }),
  });
  return figures(result, serverPid ? processCpuMicros(serverPid) - cpuBefore : NaN);
}

/** Runs `a` and `b` alternately, `rounds` times each, and keeps each side's best round (by req/s): noise only ever slows a run down. */
export async function bestOfAlternating(rounds: number, a: () => Promise<LoadFigures>, b: () => Promise<LoadFigures>) {
  const runsA: LoadFigures[] = [];
  const runsB: LoadFigures[] = [];
  for (let i = 0; i < rounds; i++) {
    runsA.push(await a());
    runsB.push(await b());
  }
  return { a: bestOf(runsA), b: bestOf(runsB) };
}

/** The fastest run, with the errors of every run (an error in any round counts) and the lowest CPU cost seen. */
function bestOf(runs: LoadFigures[]): LoadFigures {
  const best = runs.reduce((x, y) => (y.rps > x.rps ? y : x));
  return {
    ...best,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    cpuPerRequest: Math.min(...runs.map((r) => r.cpuPerRequest)),
  };
}
