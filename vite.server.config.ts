import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import license from 'rollup-plugin-license';
import { defineConfig, type Plugin } from 'vite';
import { FONT_FILES } from './server/print/font-files';

/**
 * What a release installs from the registry: packages that cannot live inside a bundle.
 * better-sqlite3 and sharp load native code (a compiled .node file, libvips) found beside
 * their own package; the AWS SDK is an optional peer, imported only when STORAGE=s3, so
 * bundling it would make every release carry it. Everything else is pure JavaScript and is
 * bundled into dist/ (see package.json: those packages are devDependencies).
 */
const RUNTIME_PACKAGES = ['better-sqlite3', 'sharp', /^@aws-sdk\//];

const require = createRequire(import.meta.url);

/** The two font weights the sheets use, as files in dist/fonts/ with their licence. */
function copySheetFonts(): Plugin {
  return {
    name: 'qrhop-sheet-fonts',
    apply: 'build',
    writeBundle(options) {
      const out = join(options.dir ?? 'dist', 'fonts');
      mkdirSync(out, { recursive: true });
      for (const file of Object.values(FONT_FILES)) copyFileSync(require.resolve(file), join(out, basename(file)));
      // The SIL Open Font License asks that the licence travel with the font files.
      copyFileSync(require.resolve('@expo-google-fonts/be-vietnam-pro/LICENSE_FONT'), join(out, 'OFL.txt'));
    },
  };
}

// The Node server and CLI compiled ahead of time for the release (`npm pack` runs it): plain
// JavaScript in dist/ with its pure-JavaScript packages inside, so the installed product needs no
// TypeScript loader and only the packages above. `npm start` from a clone still runs the sources
// through tsx.
export default defineConfig({
  publicDir: false,
  ssr: { noExternal: true, external: ['better-sqlite3', 'sharp'] },
  build: {
    ssr: true,
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { 'qrhop-server': 'server/runtime/node/node.ts', 'qrhop-cli': 'server/runtime/node/cli/main.ts',
        // The .docx converter's child process (reader/word-converter.ts starts it by this name).
        'qrhop-word-child': 'server/runtime/node/reader/word-child.ts',
        // The PDF threads' entry (books, labelled copies: runtime/node/pdf-work/pdf-thread-pool.ts starts it by this name).
        'qrhop-pdf-thread': 'server/runtime/node/pdf-work/pdf-thread.ts' },
      external: RUNTIME_PACKAGES,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  plugins: [
    copySheetFonts(),
    // The bundled packages' licences (MIT, BSD, Apache-2.0 … all ask that their notice be kept
    // with copies) in one file beside the code that contains them.
    license({ thirdParty: { includePrivate: false, output: { file: 'dist/THIRD-PARTY-NOTICES.txt' } } }),
  ],
});
