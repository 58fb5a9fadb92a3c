import { createMiddleware } from 'hono/factory';
import { refuse } from './api-error';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state changes that a browser sent on behalf of another site, whatever
 * the content type (a cross-site form or fetch can carry the login cookie).
 * Browsers send Sec-Fetch-Site and Origin; clients without them (CLI, scripts)
 * cannot be driven by another site and pass.
 */
export const csrfGuard = createMiddleware(async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') throw refuse('cross_site_request', 'Cross-site request refused');
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin) throw refuse('cross_site_request', 'Cross-site request refused');
  }
  await next();
});
