import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnvFile } from './env-file';

const names = ['QRHOP_T_PORT', 'QRHOP_T_URL', 'QRHOP_T_SET', 'QRHOP_T_NAME'];
afterEach(() => names.forEach((n) => delete process.env[n]));

describe('.env', () => {
  it('is read from the folder, with comments, quotes and Windows line ends; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qrhop-env-'));
    writeFileSync(join(dir, '.env'), '# settings\r\nQRHOP_T_PORT=8080\r\nQRHOP_T_URL=https://qr.example.vn\r\nQRHOP_T_SET=from-file\r\nQRHOP_T_NAME="Sở Nội vụ"\r\n');
    process.env.QRHOP_T_SET = 'from-environment';
    expect(loadEnvFile(dir)).toBe(join(dir, '.env'));
    expect(process.env.QRHOP_T_PORT).toBe('8080');
    expect(process.env.QRHOP_T_URL).toBe('https://qr.example.vn');
    expect(process.env.QRHOP_T_NAME).toBe('Sở Nội vụ');
    expect(process.env.QRHOP_T_SET).toBe('from-environment');
  });
  it('is optional', () => {
    expect(loadEnvFile(mkdtempSync(join(tmpdir(), 'qrhop-env-')))).toBeNull();
  });
});
