import type { Context } from 'hono';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Whether a request comes from the machine the server runs on: its peer address is a
 * loopback address and no proxy header is present. A reverse proxy on the same machine
 * (Caddy, nginx) makes every phone in the hall connect from 127.0.0.1, so any
 * Forwarded/X-Forwarded-For/X-Real-IP header means "not known to be local".
 * `clientAddress` is the runtime's peer address ('unknown' where it has none: Workers).
 */
export function isLocalRequest(c: Context, clientAddress: (c: Context) => string): boolean {
  if (c.req.header('forwarded') || c.req.header('x-forwarded-for') || c.req.header('x-real-ip')) return false;
  return LOOPBACK.test(clientAddress(c));
}
