import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_READY_PREFIX, HOST_READY_PREFIX } from '../../electron/web-host/ready-lines';
import { ensureWebHostBuilt, WEB_HOST_ENTRY } from './web-host-build';

/**
 * Starts the real browser-mode host (`npm run web`'s entry point: the bundle of
 * electron/web-host/cli.ts, rebuilt first when its sources changed) as a child process with
 * its own user-data folder; the embedded demo workspace takes any free port. Shared by the
 * end-to-end tests and the benchmark, which both drive the app exactly as a user runs it.
 */

const ROOT = resolve(import.meta.dirname, '../..');
/** The embedded demo workspace's default token (public: it only guards a local demo). */
export const DEMO_TOKEN = 'demo-token';

export interface StudioHost {
  /** The page URL, with the session token. */
  url: string;
  /** The host process's id (to read its memory, or to kill it). */
  pid: number;
  /** The embedded demo workspace's base URL (http://127.0.0.1:PORT), once it has started. */
  demoUrl(): Promise<string>;
  userDataDir: string;
  /** Changes the demo workspace's behaviour (rate limits, faults, speed) over its control route. */
  configureDemo(patch: unknown): Promise<void>;
}

function waitForUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${log.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      const line = log
        .join('')
        .split('\n')
        .find((l) => l.startsWith(HOST_READY_PREFIX));
      if (line) {
        clearTimeout(timer);
        done(line.slice(HOST_READY_PREFIX.length).trim());
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${log.join('')}`));
    });
  });
}

/** How to launch the host beyond its environment. */
export interface HostLaunch {
  /** A user-data folder to use (and keep on stop), e.g. to launch twice with the same one. */
  userDataDir?: string;
  /** Listen on the remembered home port as `npm run web` does, instead of `--port 0`. */
  homePort?: boolean;
}

/**
 * Starts a browser-mode host process; `env` is added to its environment (e.g.
 * SERVING_STUDIO_NO_BROWSER or DATABRICKS_CONFIG_FILE).
 */
export async function startHost(
  env: Record<string, string> = {},
  launch: HostLaunch = {},
): Promise<{
  host: StudioHost;
  stop(): Promise<void>;
  /** Kills the host at once (SIGKILL: no clean shutdown, like a crash) and waits for it to exit. */
  kill(): Promise<void>;
  log: string[];
}> {
  ensureWebHostBuilt();
  const userDataDir = launch.userDataDir ?? mkdtempSync(join(tmpdir(), 'studio-host-'));
  // Tests run in parallel: each takes any free port unless it tests the home port itself.
  const port = launch.homePort ? [] : ['--port', '0'];
  // The demo workspace takes any free port when it starts (on first use) and the host prints
  // its URL: picking a port here and binding it later would race other processes for it.
  const args = ['--enable-source-maps', WEB_HOST_ENTRY, ...port, '--no-open', '--user-data', userDataDir];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const log: string[] = [];
  const url = await waitForUrl(child, log);
  const demoUrl = () =>
    waitForLine(log, DEMO_READY_PREFIX, 'the demo workspace has not started: choose it first');
  const host: StudioHost = {
    url,
    pid: child.pid ?? 0,
    demoUrl,
    userDataDir,
    async configureDemo(patch) {
      const response = await fetch(`${await demoUrl()}/__demo/config`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (!response.ok) throw new Error(`demo config failed: ${response.status} ${await response.text()}`);
    },
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (running()) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (running()) child.kill('SIGKILL');
    }
    if (!launch.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (!running()) return;
    const exited = new Promise((done) => child.once('exit', done));
    // Anything the host started (an opener, a helper) dies with it, as in a crash.
    for (const pid of descendants(child.pid ?? 0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    child.kill('SIGKILL');
    await exited;
  };
  return { host, stop, kill, log };
}

/** The process ids below `pid` (children first, then theirs), from `pgrep -P`. */
function descendants(pid: number): number[] {
  if (!pid) return [];
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none.
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Resolves with what follows `prefix` on a line the host printed (polling the log briefly). */
async function waitForLine(log: string[], prefix: string, missing: string): Promise<string> {
  for (let waited = 0; waited <= 10_000; waited += 100) {
    const line = log
      .join('')
      .split('\n')
      .find((l) => l.startsWith(prefix));
    if (line) return line.slice(prefix.length).trim();
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(missing);
}
