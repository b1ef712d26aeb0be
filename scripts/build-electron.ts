import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type InlineConfig } from 'vite';

/*
 * `npm run build:electron`: bundles the Electron main process and the preload with Vite's
 * build() API into dist/electron/ (or --out-dir DIR):
 * - main.cjs: Node target; electron, node builtins and every package.json dependency stay
 *   external (native modules like @napi-rs/keyring can't be bundled; electron-builder ships
 *   the production dependencies next to it).
 * - preload.cjs: ONE CommonJS file with shared/ inlined; only `electron` is external,
 *   because a sandboxed preload can require nothing else.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Package names from package.json: kept external in the main bundle. */
export const dependencyNames = (): string[] => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const names = (field: string) => Object.keys((pkg[field] as Record<string, string> | undefined) ?? {});
  return [...names('dependencies'), ...names('devDependencies'), ...names('optionalDependencies')];
};

/** True for imports that the main bundle leaves to Node's require at run time. */
const isMainExternal = (packages: string[]) => (id: string) =>
  isBuiltin(id) || packages.some((name) => id === name || id.startsWith(`${name}/`));

/** What both bundles share: no config file, no public dir, readable output with source maps. */
const common = (outDir: string): InlineConfig => ({
  configFile: false,
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  // Services are written as ESM; in a CJS bundle `import.meta.url` must still point at the file.
  define: { 'import.meta.url': 'require("node:url").pathToFileURL(__filename).href' },
  build: { outDir, emptyOutDir: false, minify: false, sourcemap: true, reportCompressedSize: false },
});

/** The main-process bundle's Vite config. */
export const mainConfig = (outDir: string): InlineConfig => {
  const base = common(outDir);
  return {
    ...base,
    build: {
      ...base.build,
      ssr: resolve(ROOT, 'electron/main/index.ts'),
      target: 'node22',
      rolldownOptions: {
        external: isMainExternal(dependencyNames()),
        output: { format: 'cjs', entryFileNames: 'main.cjs', codeSplitting: false },
      },
    },
  };
};

/** The preload bundle's Vite config: browser-like sandbox, CommonJS, everything but electron inlined. */
export const preloadConfig = (outDir: string): InlineConfig => {
  const base = common(outDir);
  return {
    ...base,
    define: { ...base.define, 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      ...base.build,
      target: 'chrome130',
      lib: {
        entry: resolve(ROOT, 'electron/preload/index.ts'),
        formats: ['cjs'],
        fileName: () => 'preload.cjs',
      },
      rolldownOptions: {
        external: (id: string) => id === 'electron',
        output: { codeSplitting: false },
      },
    },
  };
};

/** Builds both bundles into `outDir`. */
export const buildElectron = async (outDir = resolve(ROOT, 'dist/electron')): Promise<void> => {
  await build(mainConfig(outDir));
  await build(preloadConfig(outDir));
};

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const outDir = values['out-dir'] ? resolve(values['out-dir']) : undefined;
  buildElectron(outDir).then(
    () => console.log(`Built the Electron main and preload into ${outDir ?? 'dist/electron'}.`),
    (error: unknown) => {
      console.error('build:electron failed:', error);
      process.exit(1);
    },
  );
}
