import { createMiddleware } from 'hono/factory';

const DEFAULT_CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Headers every response carries, given the path and what the response already set
 * (`has` takes a lower-case name). Used by the app's middleware and by the Node
 * entry's direct delegate lane, which answers without going through it.
 */
export function securityHeadersFor(path: string, has: (lowerCaseName: string) => boolean): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    // Code URLs are capabilities: never send them to another site in a Referer.
    ['Referrer-Policy', 'no-referrer'],
  ];
  // No page of ours is meant to be framed (clickjacking); the one exception (the delegate
  // page's same-origin enhancement frame) sets SAMEORIGIN itself.
  if (!has('x-frame-options')) headers.push(['X-Frame-Options', 'DENY']);
  if (!has('content-security-policy')) headers.push(['Content-Security-Policy', DEFAULT_CSP]);
  // Printed codes must not end up in search engines.
  if (path.startsWith('/s/')) headers.push(['X-Robots-Tag', 'noindex, nofollow']);
  return headers;
}

export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const h = c.res.headers;
  for (const [name, value] of securityHeadersFor(c.req.path, (name) => h.has(name))) h.set(name, value);
});
