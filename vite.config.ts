import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The organizer console, served by the server under /admin/ (from memory, see server/console/routes.ts).
// `npx vite` serves it with hot reload and sends API, delegate and health calls to a running `npm start`.
const api = process.env.QRHOP_API ?? 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  base: '/admin/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
  server: { proxy: { '/api': api, '/s/': api, '/healthz': api } },
});
