// Node only: what a TLS-terminating proxy in front of the server tells us, when we trust it.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** TRUST_PROXY: nobody (the default), every peer, or the proxies' addresses ('loopback' for 127.0.0.0/8 and ::1). */
export type TrustProxy = boolean | readonly string[];

export interface Forwarded {
  /** The request reached the proxy (or us) over TLS. */
  secure: boolean;
  /** The client's address: the socket's peer, or what the trusted proxy appended to X-Forwarded-For. */
  address: string;
}

const plain = (address: string | undefined) => (address ?? 'unknown').replace(/^::ffff:/, '');

function trusts(trust: TrustProxy, peer: string): boolean {
  if (typeof trust === 'boolean') return trust;
  return trust.some((entry) => entry === peer || (entry === 'loopback' && (peer.startsWith('127.') || peer === '::1')));
}

/** The last value of a comma-separated forwarding header: the one our own proxy added. */
const lastOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : (value ?? '')).split(',').pop()!.trim();

const cache = new WeakMap<IncomingMessage, Forwarded>();

/**
 * How the request reached us. X-Forwarded-Proto and X-Forwarded-For are read only when the
 * socket's peer is a proxy TRUST_PROXY names: anyone else could send them to make us set
 * cookies the wrong way or to pose as another address for the login throttle.
 */
export function forwardedOf(req: IncomingMessage, trust: TrustProxy): Forwarded {
  let found = cache.get(req);
  if (found) return found;
  const peer = plain(req.socket.remoteAddress);
  const tls = Boolean((req.socket as TLSSocket).encrypted);
  if (trusts(trust, peer)) {
    const proto = lastOf(req.headers['x-forwarded-proto']).toLowerCase();
    const client = lastOf(req.headers['x-forwarded-for']);
    found = { secure: tls || proto === 'https', address: client ? plain(client) : peer };
  } else {
    found = { secure: tls, address: peer };
  }
  cache.set(req, found);
  return found;
}

/** Parses TRUST_PROXY: false/0/no/empty, true/1/yes, or a comma-separated list of addresses (or 'loopback'). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim().toLowerCase();
  if (['', 'false', '0', 'no'].includes(text)) return false;
  if (['true', '1', 'yes'].includes(text)) return true;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
