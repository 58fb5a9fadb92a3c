import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { forwardedOf, parseTrustProxy } from './node-forwarded';

const request = (peer: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;
const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.1, 203.0.113.7' };

describe('forwardedOf', () => {
  it('never reads X-Forwarded-* by default', () => {
    expect(forwardedOf(request('::ffff:10.0.0.5', viaProxy), false)).toEqual({ secure: false, address: '10.0.0.5' });
  });
  it('reads the last X-Forwarded-For entry and the protocol from a trusted proxy only', () => {
    expect(forwardedOf(request('127.0.0.1', viaProxy), parseTrustProxy('loopback'))).toEqual({ secure: true, address: '203.0.113.7' });
    expect(forwardedOf(request('10.0.0.9', viaProxy), parseTrustProxy('10.0.0.8, 10.0.0.7'))).toEqual({ secure: false, address: '10.0.0.9' });
    expect(forwardedOf(request('10.0.0.8', viaProxy), parseTrustProxy('10.0.0.8, 10.0.0.7'))).toEqual({ secure: true, address: '203.0.113.7' });
    expect(forwardedOf(request('10.0.0.8', { 'x-forwarded-proto': 'http' }), true)).toEqual({ secure: false, address: '10.0.0.8' });
  });
  it('parses the setting', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('127.0.0.1,::1')).toEqual(['127.0.0.1', '::1']);
  });
});
