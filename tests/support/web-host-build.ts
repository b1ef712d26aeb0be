import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/*
 * The browser-mode host runs as a bundle (dist/web-host/cli.mjs, `npm run build:web-host`),
 * as `npm run web` runs it. Tests and the benchmark start that same bundle; this rebuilds it
 * first whenever a source it is made of is newer, so a test never runs yesterday's host.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, 'dist/web-host');
/** The bundle `npm run web` starts. */
export const WEB_HOST_ENTRY = join(OUT_DIR, 'cli.mjs');
/** What the bundle is made of: the host, the services, the demo, shared code, and its build script. */
const SOURCES = [
  'electron',
  'shared',
  'scripts/build-web-host.ts',
  'scripts/build-electron.ts',
  'package.json',
];

/** The newest modification time under `path` (a file or a folder), ms. */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when the bundle is missing or older than one of its sources. */
export function webHostStale(): boolean {
  let built: number;
  try {
    built = statSync(WEB_HOST_ENTRY).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

let checked = false;

/**
 * Builds the host bundle when it is stale (once per process). Parallel test workers may each
 * build: every one builds into a folder of its own and renames the result into place, so no
 * host ever starts from a half-written file.
 */
export function ensureWebHostBuilt(): void {
  if (checked) return;
  if (webHostStale()) {
    mkdirSync(OUT_DIR, { recursive: true });
    const staging = mkdtempSync(join(OUT_DIR, '.build-'));
    try {
      const result = spawnSync(
        join(ROOT, 'node_modules/.bin/tsx'),
        ['scripts/build-web-host.ts', '--out-dir', staging],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      if (result.status !== 0)
        throw new Error(`the browser-mode host did not build:\n${result.stdout}${result.stderr}`);
      renameSync(join(staging, 'cli.mjs.map'), `${WEB_HOST_ENTRY}.map`);
      renameSync(join(staging, 'cli.mjs'), WEB_HOST_ENTRY);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  checked = true;
}
