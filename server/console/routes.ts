import { Hono } from 'hono';
import type { AppDeps, AppEnv, ConsoleAsset } from '../app-env';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;

// Each asset is compressed once and kept beside it: the hall's Wi-Fi then carries about a quarter of the bytes.
const gzipped = new WeakMap<ConsoleAsset, Promise<Uint8Array>>();
const brotlied = new WeakMap<ConsoleAsset, Uint8Array>();

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function encode(asset: ConsoleAsset, acceptEncoding: string, brotli: AppDeps['brotli']): Promise<{ body: Uint8Array; encoding?: 'br' | 'gzip' }> {
  if (!COMPRESSIBLE.test(asset.type) || asset.body.length < 1024) return { body: asset.body };
  if (brotli && /\bbr\b/.test(acceptEncoding)) {
    let body = brotlied.get(asset);
    if (!body) brotlied.set(asset, (body = brotli(asset.body)));
    return { body, encoding: 'br' };
  }
  if (/\bgzip\b/.test(acceptEncoding)) {
    let body = gzipped.get(asset);
    if (!body) gzipped.set(asset, (body = gzip(asset.body)));
    return { body: await body, encoding: 'gzip' };
  }
  return { body: asset.body };
}

/**
 * The organizer console's built files, served from memory (never a generic
 * static middleware), compressed once. Hashed assets are cached for a year; any
 * other /admin path answers the SPA's index.html so deep links survive a reload.
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
    const { body, encoding } = await encode(asset, c.req.header('accept-encoding') ?? '', c.var.deps.brotli);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(body as Uint8Array<ArrayBuffer>);
  });
