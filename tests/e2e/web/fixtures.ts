import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * E2E harness for browser mode. Each test gets its own user-data folder, its own demo
 * workspace port and its own browser-mode host process (the real `npm run web` entry point),
 * so tests never share state. The page is opened with the host's per-launch token and the
 * test waits for the app's ready marker.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const READY_LINE = 'Serving Studio (browser mode): ';
/** The embedded demo workspace's default token (public: it only guards a local demo). */
export const DEMO_TOKEN = 'demo-token';

export interface StudioHost {
  /** The page URL, with the session token. */
  url: string;
  /** The embedded demo workspace's base URL (http://127.0.0.1:PORT). */
  demoUrl: string;
  userDataDir: string;
  /** Changes the demo workspace's behaviour (rate limits, faults, speed) over its control route. */
  configureDemo(patch: unknown): Promise<void>;
}

/** A free loopback port: bind port 0, read it, release it. */
export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
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
        .find((l) => l.startsWith(READY_LINE));
      if (line) {
        clearTimeout(timer);
        done(line.slice(READY_LINE.length).trim());
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

/**
 * Starts a browser-mode host process; `env` is added to its environment (e.g.
 * SERVING_STUDIO_NO_BROWSER or DATABRICKS_CONFIG_FILE).
 */
export async function startHost(
  env: Record<string, string> = {},
): Promise<{ host: StudioHost; stop(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const demoPort = await freePort();
  const child = spawn(
    TSX,
    [
      'electron/web-host/cli.ts',
      '--port',
      '0',
      '--no-open',
      '--user-data',
      userDataDir,
      '--demo-port',
      String(demoPort),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } },
  );
  const log: string[] = [];
  const url = await waitForUrl(child, log);
  const demoUrl = `http://127.0.0.1:${demoPort}`;
  const host: StudioHost = {
    url,
    demoUrl,
    userDataDir,
    async configureDemo(patch) {
      const response = await fetch(`${demoUrl}/__demo/config`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (!response.ok) throw new Error(`demo config failed: ${response.status} ${await response.text()}`);
    },
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { host, stop };
}

/** Opens the app and waits until the bridge has answered. */
export async function openApp(page: Page, host: StudioHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('app-ready')).toBeVisible();
}

/** First run → demo workspace. */
export async function useDemo(page: Page): Promise<void> {
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByRole('button', { name: 'Use demo workspace' }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();
}

export const test = base.extend<{ studio: StudioHost; hostEnv: Record<string, string> }>({
  /** Extra environment for the host process: `test.use({ hostEnv: { … } })`. */
  hostEnv: [{}, { option: true }],
  studio: async ({ hostEnv }, use) => {
    const { host, stop } = await startHost(hostEnv);
    try {
      await use(host);
    } finally {
      await stop();
    }
  },
});

export { expect };
