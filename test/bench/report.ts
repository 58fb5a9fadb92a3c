import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

export interface Row {
  section: string;
  measure: string;
  qrhop: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** true: met, false: missed, undefined: no target. */
  pass?: boolean;
}

export function machineDetails(): string[] {
  const cpu = cpus();
  const gb = (n: number) => (n / 2 ** 30).toFixed(1);
  return [
    `CPU:     ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} cores`,
    `RAM:     ${gb(totalmem())} GB (${gb(freemem())} GB free at start)`,
    `Node:    ${process.version} on ${platform()} ${release()}`,
    `Load:    ${loadavg().map((n) => n.toFixed(2)).join(' ')} (1/5/15 min, at start: other work on the machine shows here)`,
  ];
}

export function formatTable(rows: Row[]): string {
  const header: Row = { section: '#', measure: 'measure', qrhop: 'QRHop', baseline: 'baseline', ratio: 'ratio', target: 'target' };
  const cells = (r: Row, isHeader = false) => [
    r.section, r.measure, r.qrhop, r.baseline ?? '', r.ratio ?? '', r.target ?? '',
    isHeader ? 'result' : r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
  ];
  const all = [cells(header, true), ...rows.map((r) => cells(r))];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((line) => line[i]!.length)));
  const line = (parts: string[]) => parts.map((p, i) => p.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`,
  mb: (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`,
  ratio: (n: number) => `${n.toFixed(2)}×`,
};
