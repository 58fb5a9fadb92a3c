import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The organizer console, served by the server under /admin/.
export default defineConfig({
  root: 'web',
  base: '/admin/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
});
