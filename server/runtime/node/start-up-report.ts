import { addressInfo } from '../../../shared/address-kind';
import type { MachineAddress } from '../../app-env';
import type { ResolvedBaseUrl } from '../../base-url/resolve-base-url';
import type { StaleSheets } from '../../base-url/stale-sheets';

const KIND_TEXT = {
  local: 'this machine only: phones cannot open these codes',
  lan: 'this network only: phones on the same Wi-Fi, while this machine keeps the address',
  public: 'a public address: any phone with Internet',
} as const;

export interface StartUpFacts {
  consoleUrl: string;
  base: ResolvedBaseUrl;
  addresses: MachineAddress[];
  dataLine: string;
  envFile: string | null;
  createdAdmin: string | null;
  setupCode: string | null;
  stale: StaleSheets;
}

/** What the terminal shows at start: where to go, what the codes carry, what needs doing. */
export function startUpReport(f: StartUpFacts): string[] {
  const { kind, secure } = addressInfo(f.base.url);
  const from = { env: 'PUBLIC_URL', stored: 'set in the console', guessed: 'guessed', request: 'guessed' }[f.base.source];
  const lines = [
    'QRHop is running.',
    `  Console:        ${f.consoleUrl}/admin/`,
    `  For phones:     ${f.base.url}  (what the QR codes encode, ${from}; ${KIND_TEXT[kind]}${secure ? '' : '; no HTTPS, so no offline reading'})`,
    `  Data:           ${f.dataLine}`,
  ];
  if (f.envFile) lines.push(`  Settings:       read from ${f.envFile}`);
  if (f.createdAdmin) lines.push(`  Admin account ${f.createdAdmin} created from QRHOP_ADMIN_EMAIL.`);
  if (f.base.source === 'guessed' && f.addresses.length) {
    const port = new URL(f.base.url).port;
    lines.push('', "  The codes' address was guessed from this machine's network addresses:");
    for (const a of f.addresses) {
      const url = `${new URL(f.base.url).protocol}//${a.address}${port ? `:${port}` : ''}`;
      lines.push(`    ${a.name.padEnd(28)} ${url.padEnd(28)}${url === f.base.url ? ' <- used' : ''}${a.virtual ? ' (virtual/VPN adapter)' : ''}`);
    }
    lines.push('  Choose it once in the console (Mã QR > Địa chỉ trong mã), or set PUBLIC_URL, so printed codes keep working.');
  }
  if (f.stale.codes > 0) {
    lines.push(
      '',
      `  WARNING: ${f.stale.sheets} printed sheet(s) carry ${f.stale.printedWith.join(', ')}, but the codes now encode ${f.base.url}.`,
      `  ${f.stale.codes} printed code(s) will not open. Reprint them, or set the address back in the console.`,
    );
  }
  if (f.setupCode) {
    lines.push(
      '',
      '  No account exists yet. Open the console on this machine to create the first administrator:',
      `    ${f.consoleUrl}/admin/`,
      `  From another computer, open ${f.base.url}/admin/ and type this one-time set-up code: ${f.setupCode}`,
    );
  }
  lines.push('', '  To stop QRHop: press Ctrl+C in this window.');
  return lines;
}
