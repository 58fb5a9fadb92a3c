import { createMiddleware } from 'hono/factory';

/** Headers every response carries. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  // Code URLs are capabilities: never send them to another site in a Referer.
  h.set('Referrer-Policy', 'no-referrer');
  // No page of ours is meant to be framed (clickjacking); the one exception (the delegate
  // page's same-origin enhancement frame) sets SAMEORIGIN itself.
  if (!h.has('X-Frame-Options')) h.set('X-Frame-Options', 'DENY');
  if (!h.has('Content-Security-Policy')) {
    h.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }
  // Printed codes must not end up in search engines.
  if (c.req.path.startsWith('/s/')) h.set('X-Robots-Tag', 'noindex, nofollow');
});
