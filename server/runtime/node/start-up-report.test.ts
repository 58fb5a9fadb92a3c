import { describe, expect, it } from 'vitest';
import { startUpReport, type StartUpFacts } from './start-up-report';

const facts = (over: Partial<StartUpFacts> = {}): StartUpFacts => ({
  consoleUrl: 'http://localhost:3000',
  base: { url: 'http://192.168.1.23:3000', source: 'guessed' },
  addresses: [{ name: 'Wi-Fi', address: '192.168.1.23', virtual: false }, { name: 'vEthernet (WSL)', address: '172.28.48.1', virtual: true }],
  dataLine: './data (SQLite + local files)',
  envFile: null,
  createdAdmin: null,
  setupCode: null,
  stale: { sheets: 0, codes: 0, printedWith: [], meetingIds: [] },
  ...over,
});

describe('startUpReport', () => {
  it('when it had to guess, lists the addresses, marks the one used and the virtual ones', () => {
    const text = startUpReport(facts()).join('\n');
    expect(text).toContain('For phones:     http://192.168.1.23:3000  (what the QR codes encode, guessed; this network only');
    expect(text).toMatch(/Wi-Fi +http:\/\/192\.168\.1\.23:3000 +<- used/);
    expect(text).toMatch(/vEthernet \(WSL\) +http:\/\/172\.28\.48\.1:3000 +\(virtual\/VPN adapter\)/);
  });

  it('lists nothing when the address was set, and warns with the counts when printed sheets carry another', () => {
    const text = startUpReport(facts({
      base: { url: 'https://qr.example.vn', source: 'stored' },
      stale: { sheets: 3, codes: 12, printedWith: ['http://192.168.1.20:3000'], meetingIds: ['m'] },
    })).join('\n');
    expect(text).not.toContain('guessed from');
    expect(text).toContain('WARNING: 3 printed sheet(s) carry http://192.168.1.20:3000, but the codes now encode https://qr.example.vn.');
    expect(text).toContain('12 printed code(s) will not open.');
  });

  it('prints the set-up code when no account exists, and how to stop', () => {
    const lines = startUpReport(facts({ setupCode: 'K7QM-2XWD-HP9R', envFile: 'C:\\qrhop\\.env' }));
    expect(lines.join('\n')).toContain('type this one-time set-up code: K7QM-2XWD-HP9R');
    expect(lines.join('\n')).toContain('Settings:       read from C:\\qrhop\\.env');
    expect(lines.at(-1)).toBe('  To stop QRHop: press Ctrl+C in this window.');
  });
});
