import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type PreviewServer, preview } from 'vite';

/** Builds the bench-only peer page (tests/bench/page) and serves it on loopback. */

const ROOT = resolve(import.meta.dirname, '../../..');
const PAGE_ROOT = resolve(ROOT, 'tests/bench/page');
const OUT_DIR = resolve(ROOT, 'dist/bench-page');

/** A production build, like the app's: peers are measured minified, never in dev mode. */
export async function buildPeerPage(): Promise<void> {
  await build({
    configFile: false,
    root: PAGE_ROOT,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 10_000 },
  });
}

/** Serves the built page; returns its base URL and a stop function. */
export async function servePeerPage(): Promise<{ url: string; close(): Promise<void> }> {
  const server: PreviewServer = await preview({
    configFile: false,
    root: PAGE_ROOT,
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the peer page server did not report its URL');
  return { url, close: () => server.close() };
}
