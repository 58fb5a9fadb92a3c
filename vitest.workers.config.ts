import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suite needs nothing from the network: no wrangler metrics, no download of the request.cf sample.
process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

// The Workers suite: test/workers/ inside workerd, with wrangler.toml's D1 and R2 bindings
// (`npm run test:workers`; `npm test` runs it after the Node suite).
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // A tiny stand-in for web/dist, so this suite needs no console build (and does not break while the console is mid-change).
        assets: { directory: fileURLToPath(new URL('./test/workers/fixtures/console', import.meta.url)) },
        // An empty database of its own for the first-admin test (the DB binding comes from wrangler.toml).
        d1Databases: { FIRST_ADMIN_DB: 'qrhop-first-admin-test' },
        bindings: {
          // What `wrangler secret put QRHOP_SECRET` provides in production (test value only).
          QRHOP_SECRET: 'test-secret-for-the-workers-suite-0123456789',
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./drizzle', import.meta.url))),
        },
      },
    })),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    // The reader's CommonJS converters (mammoth, sanitize-html → postcss → nanoid) pre-bundled with
    // esbuild, as wrangler bundles them for a deployment; the pool's own CJS loader mis-resolves nanoid.
    deps: { optimizer: { ssr: { enabled: true, include: ['mammoth', 'sanitize-html'] } } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
