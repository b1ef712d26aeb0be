import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm start`: builds, then runs the desktop app; falls back to browser mode (the same as
 * `npm run web`) when Electron's binary isn't installed, which is the case on machines that
 * can't download it (its postinstall fetches it from GitHub).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_DIR = join(ROOT, 'node_modules/electron');
const INSTALL_TIMEOUT_MS = 60_000;
const isWindows = process.platform === 'win32';

/** The Electron executable, as `require('electron')` would resolve it, or why there is none. */
const findElectron = (): { path: string } | { reason: string } => {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(join(ELECTRON_DIR, 'package.json')))
    return { reason: 'the electron package is not installed' };
  if (!existsSync(pathFile)) return { reason: 'its download never ran' };
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `${binary} is missing` };
};

/** Runs Electron's own installer once, bounded, and says why it failed when it did. */
const tryInstallElectron = (): string | null => {
  const result = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], {
    cwd: ELECTRON_DIR,
    timeout: INSTALL_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (result.error && 'code' in result.error && result.error.code === 'ETIMEDOUT') {
    return `its download timed out after ${INSTALL_TIMEOUT_MS / 1000} s`;
  }
  const detail = `${result.stderr ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error/i.test(line));
  return result.status === 0 ? null : `its download failed${detail ? `: ${detail.slice(0, 160)}` : ''}`;
};

/** Runs a child with the terminal, forwarding Ctrl-C / SIGTERM, and exits with its code. */
const runForwarding = (child: ChildProcess): void => {
  const forward = (signal: NodeJS.Signals) => () => {
    // The child (same process group) usually got the Ctrl-C too; sending it again is harmless,
    // and staying alive until it exits lets it shut down cleanly.
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 0)));
  child.on('error', (error) => {
    console.error(`Could not start: ${error.message}`);
    process.exit(1);
  });
};

const main = (): void => {
  const args = process.argv.slice(2);
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: isWindows });
  if (built.status !== 0) process.exit(built.status ?? 1);

  let electron = findElectron();
  if ('reason' in electron) {
    const why = tryInstallElectron();
    electron = findElectron();
    if ('reason' in electron) {
      console.log(
        `Electron's binary isn't available here (${why ?? electron.reason}); starting browser mode instead.`,
      );
      // The renderer is already built: build the host bundle and run it (what `npm run web` runs).
      const hostBuilt = spawnSync('npm', ['run', 'build:web-host'], {
        cwd: ROOT,
        stdio: 'inherit',
        shell: isWindows,
      });
      if (hostBuilt.status !== 0) process.exit(hostBuilt.status ?? 1);
      const host = spawn(process.execPath, ['--enable-source-maps', 'dist/web-host/cli.mjs', ...args], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      runForwarding(host);
      return;
    }
  }
  // `electron .` (not the bundle's path) so that Electron reads package.json: app name,
  // version and `main` all come from there.
  runForwarding(spawn(electron.path, ['.', ...args], { cwd: ROOT, stdio: 'inherit' }));
};

main();
