import { describe, expect, it } from 'vitest';
import { addressInfo, cleanBaseUrl } from './address-kind';

describe('addressInfo', () => {
  it.each([
    ['http://localhost:3000', 'local', true],
    ['http://127.0.0.1:3000', 'local', true],
    ['http://[::1]:3000', 'local', true],
    ['http://192.168.1.20:3000', 'lan', false],
    ['http://10.0.0.5', 'lan', false],
    ['http://172.16.4.1:3000', 'lan', false],
    ['http://172.31.255.1', 'lan', false],
    ['http://100.100.1.1', 'lan', false],
    ['http://169.254.3.3', 'lan', false],
    ['http://[fe80::1]:3000', 'lan', false],
    ['http://[fd12::1]', 'lan', false],
    ['http://laptop-hop.local:3000', 'lan', false],
    ['http://qrhop:3000', 'lan', false],
    ['https://192.168.1.20', 'lan', true],
    ['http://172.32.0.1', 'public', false],
    ['http://203.113.1.2', 'public', false],
    ['https://qr.example.vn', 'public', true],
    ['http://qr.example.vn', 'public', false],
  ] as const)('%s is %s (secure: %s)', (url, kind, secure) => {
    expect(addressInfo(url)).toEqual({ kind, secure });
  });
});

describe('cleanBaseUrl', () => {
  it('keeps scheme, host, port and a path prefix without the trailing slash', () => {
    expect(cleanBaseUrl(' https://qr.example.vn/ ')).toBe('https://qr.example.vn');
    expect(cleanBaseUrl('http://192.168.1.20:3000')).toBe('http://192.168.1.20:3000');
    expect(cleanBaseUrl('https://so.example.vn/qrhop/')).toBe('https://so.example.vn/qrhop');
  });
  it('refuses what is not a plain http(s) base', () => {
    for (const bad of ['', 'qr.example.vn', 'ftp://x.vn', 'https://x.vn/?a=1', 'https://x.vn/#a', 'https://u:p@x.vn', 'javascript:alert(1)']) {
      expect(cleanBaseUrl(bad)).toBeNull();
    }
  });
});
