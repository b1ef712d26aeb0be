import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listenFrom,
  listenOnHomePort,
  PORT_FILE,
  readRememberedPort,
} from '../../../../electron/web-host/port-choice';
import { startWebHost, type WebHost } from '../../../../electron/web-host/server';
import { ok } from '../../../../shared/errors';

/*
 * Browser mode keeps one origin (and so one IndexedDB history) across launches: the home port
 * is remembered in the user-data folder; a taken home port moves this launch only, with a
 * warning; --port wins and is never remembered. Real servers on real ports throughout.
 */

const router = { handle: async () => ok(null), closeSession: () => undefined };

let dir: string;
let rendererDir: string;
const open: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'port-choice-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the real browser-mode host on exactly `port`. */
const listen = async (port: number): Promise<WebHost> => {
  const host = await startWebHost({ services: { router }, port, rendererDir });
  open.push(host);
  return host;
};

/** Holds a port the way another program would. */
const occupy = (port: number): Promise<Server> =>
  new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      open.push({ close: () => new Promise<void>((closed) => server.close(() => closed())) });
      done(server);
    });
  });

/** A port that was free a moment ago (the tests' stand-in for the default port). */
const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
};

/** One "launch": listen on the home port, then stop like Ctrl-C would. */
async function launch(options: { requested?: number; defaultPort: number }) {
  const result = await listenOnHomePort({ userDataDir: dir, listen, ...options });
  await result.value.close();
  open.splice(open.indexOf(result.value), 1);
  return { port: result.value.port, warning: result.warning };
}

describe('browser mode port', () => {
  it('the first launch takes the default port and remembers it; the next launches reuse it', async () => {
    const defaultPort = await freePort();
    const first = await launch({ defaultPort });
    expect(first).toEqual({ port: defaultPort, warning: null });
    expect(JSON.parse(readFileSync(join(dir, PORT_FILE), 'utf8'))).toEqual({ port: defaultPort });
    // Even with another default (a newer version), the remembered port is home.
    expect(await launch({ defaultPort: defaultPort + 1 })).toEqual({ port: defaultPort, warning: null });
    expect(await launch({ defaultPort: defaultPort + 1 })).toEqual({ port: defaultPort, warning: null });
  });

  it('a taken default on the first launch: the next free port becomes home, without a warning', async () => {
    const defaultPort = await freePort();
    await occupy(defaultPort);
    const first = await launch({ defaultPort });
    expect(first.port).toBeGreaterThan(defaultPort);
    expect(first.warning).toBeNull();
    expect(await readRememberedPort(dir)).toBe(first.port);
  });

  it('a taken home port: the next free one this time, a one-line warning, and home is unchanged', async () => {
    const home = await freePort();
    await launch({ defaultPort: home });
    await occupy(home);
    const moved = await launch({ defaultPort: home });
    expect(moved.port).toBeGreaterThan(home);
    expect(moved.warning).toContain(`Port ${home} is taken`);
    expect(moved.warning).toContain(`http://127.0.0.1:${home}`);
    expect(moved.warning).not.toContain('\n');
    expect(await readRememberedPort(dir)).toBe(home);
  });

  it('--port overrides and is not remembered; --port 0 takes any free port', async () => {
    const home = await freePort();
    await launch({ defaultPort: home });
    const wanted = await freePort();
    expect(await launch({ requested: wanted, defaultPort: home })).toEqual({ port: wanted, warning: null });
    const any = await launch({ requested: 0, defaultPort: home });
    expect(any.port).toBeGreaterThan(0);
    expect(await readRememberedPort(dir)).toBe(home);
  });

  it('--port on a taken port fails instead of moving (the user asked for exactly that one)', async () => {
    const wanted = await freePort();
    await occupy(wanted);
    await expect(launch({ requested: wanted, defaultPort: wanted })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('an unreadable or nonsense port file counts as no memory', async () => {
    writeFileSync(join(dir, PORT_FILE), '{ not json');
    expect(await readRememberedPort(dir)).toBeNull();
    writeFileSync(join(dir, PORT_FILE), JSON.stringify({ port: 70_000 }));
    expect(await readRememberedPort(dir)).toBeNull();
    const defaultPort = await freePort();
    expect((await launch({ defaultPort })).port).toBe(defaultPort);
  });

  it('only a taken port moves on: other failures are reported', async () => {
    const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    await expect(listenFrom(80, async () => Promise.reject(denied))).rejects.toBe(denied);
    const taken = Object.assign(new Error('in use'), { code: 'EADDRINUSE' });
    await expect(listenFrom(9000, async () => Promise.reject(taken), 2)).rejects.toThrow(/all taken/);
  });
});
