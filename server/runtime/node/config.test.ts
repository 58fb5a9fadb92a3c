import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('has working defaults for the embedded setup, with the LAN address in PUBLIC_URL', () => {
    const c = parseConfig({}, '192.168.1.20');
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://192.168.1.20:3000');
    expect(c.dataDir).toBe('./data');
    expect(c.maxUploadBytes).toBe(200 * 1024 * 1024);
    expect(c.storage).toBe('local');
  });

  it('stops with one line naming the bad variable', () => {
    for (const [env, name] of [[{ PORT: 'abc' }, 'PORT'], [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'], [{ MAX_UPLOAD_MB: '-5' }, 'MAX_UPLOAD_MB'], [{ STORAGE: 'floppy' }, 'STORAGE'], [{ STORAGE: 's3' }, 'S3_BUCKET']] as const) {
      let error: unknown;
      try {
        parseConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://qr.example.vn/' }).publicUrl).toBe('https://qr.example.vn');
  });
});
