import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

/**
 * The organizer console's built files, served from memory (never a generic
 * static middleware). Hashed assets are cached for a year; any other /admin
 * path answers the SPA's index.html so deep links survive a reload.
 */
export const consoleRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.redirect('/admin/', 302))
  .get('/admin', (c) => c.redirect('/admin/', 301))
  .get('/admin/*', async (c) => {
    const assets = c.var.deps.consoleAssets;
    const path = c.req.path.slice('/admin'.length);
    const asset = (await assets?.get(path)) ?? (path.startsWith('/assets/') ? undefined : await assets?.get('/index.html'));
    if (!asset) {
      return c.text(assets ? 'Not found' : 'The console is not built: run `npm run build:web`.', 404);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });
