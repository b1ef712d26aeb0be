import { isBuiltin } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type InlineConfig } from 'vite';
import { dependencyNames } from './build-electron';

/*
 * `npm run build:web-host`: bundles the browser-mode host (electron/web-host/cli.ts, the
 * services and the demo workspace) into ONE ES module, dist/web-host/cli.mjs, that plain
 * Node runs. Package dependencies and Node builtins stay external (native modules like
 * @napi-rs/keyring can't be bundled). Running the bundle rather than the TypeScript through
 * a loader keeps the host to one process, without a transpiler in memory: about half the
 * resident memory, and a start in well under a second.
 *
 * The bundle must stay two folders below the repository root: the host finds package.json
 * and dist/renderer relative to its own file (`new URL('../../', import.meta.url)`).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The web host bundle's Vite config, written to `outDir`. */
export const webHostConfig = (outDir: string): InlineConfig => {
  const packages = dependencyNames();
  return {
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      ssr: resolve(ROOT, 'electron/web-host/cli.ts'),
      target: 'node20',
      rolldownOptions: {
        external: (id: string) =>
          isBuiltin(id) || packages.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { format: 'es', entryFileNames: 'cli.mjs', codeSplitting: false },
      },
    },
  };
};

/** Builds the host into `outDir` (default dist/web-host). */
export const buildWebHost = async (outDir = resolve(ROOT, 'dist/web-host')): Promise<void> => {
  await build(webHostConfig(outDir));
};

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const outDir = values['out-dir'] ? resolve(values['out-dir']) : undefined;
  buildWebHost(outDir).then(
    () => console.log(`Built the browser-mode host into ${outDir ?? 'dist/web-host'}.`),
    (error: unknown) => {
      console.error('build:web-host failed:', error);
      process.exit(1);
    },
  );
}
