import { defineConfig } from 'vite';

// The Node server and CLI compiled ahead of time for the release (`npm pack` runs it): plain
// JavaScript in dist/, packages left as imports, so the installed product needs no TypeScript
// loader and no dev dependency. `npm start` from a clone still runs the sources through tsx.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { 'qrhop-server': 'server/runtime/node/node.ts', 'qrhop-cli': 'server/runtime/node/cli/main.ts',
        // The .docx converter's child process (reader/word-converter.ts starts it by this name).
        'qrhop-word-child': 'server/runtime/node/reader/word-child.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
