import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Builds the renderer (sandboxed React app) into dist/renderer, and configures vitest for
 * the unit tests. The Electron main/preload bundles are built by scripts/build-electron.ts
 * with the same Vite, from separate configs, because they target Node, not the browser.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // Fonts stay files: the CSP's font-src 'self' refuses data: URLs (KaTeX ships small fonts
    // that Vite would otherwise inline).
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the page runs at start in one file: main.tsx and every module it
          // imports statically. Left to itself the bundler splits off each module a lazy
          // pane shares (react, the stores, small shared helpers) into a chunk of its own:
          // a dozen start-up files, more than a browser fetches at once from one host.
          groups: [{ name: 'start', test: /renderer[\\/]main\.tsx$/ }],
        },
      },
    },
  },
  test: {
    root: '.',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
