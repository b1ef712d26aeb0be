/**
 * Runs a command with an OS keychain the tests can use, without touching the user's own.
 *
 * On Linux the keychain is the Secret Service over D-Bus. When `dbus-run-session` and
 * `gnome-keyring-daemon` are installed, the command runs in a private D-Bus session with a
 * throwaway keyring (its own XDG_DATA_HOME, unlocked with a dummy password), so tests never
 * read or write a developer's real secrets and CI needs no special wrapping. Elsewhere
 * (macOS Keychain, Windows Credential Manager) or without those tools, the command runs as
 * is; keychain tests then skip with a clear reason when no keychain answers.
 *
 * Usage: tsx scripts/with-test-keychain.ts <command> [args…]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-test-keychain <command> [args…]');
  process.exit(2);
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const wrap =
  process.platform === 'linux' &&
  !process.env.SERVING_STUDIO_TEST_KEYCHAIN &&
  has('dbus-run-session') &&
  has('gnome-keyring-daemon');

if (!wrap) {
  process.exit(await run(command, args, process.env));
}

const dataHome = mkdtempSync(join(tmpdir(), 'serving-studio-keyring-'));
// The inner shell unlocks a fresh keyring, then replaces itself with the command.
const script = 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
const code = await run('dbus-run-session', ['--', 'sh', '-c', script, 'sh', command, ...args], {
  ...process.env,
  SERVING_STUDIO_TEST_KEYCHAIN: '1',
  XDG_DATA_HOME: dataHome,
});
rmSync(dataHome, { recursive: true, force: true });
process.exit(code);
