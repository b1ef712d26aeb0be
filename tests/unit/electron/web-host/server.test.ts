import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Session } from '../../../../electron/services/types';
import { contentSecurityPolicy, startWebHost, type WebHost } from '../../../../electron/web-host/server';
import { fail, ok, type Result } from '../../../../shared/errors';

/** A stub router: echoes calls, emits two events for chat:start, records closed sessions. */
const closed: string[] = [];
const router = {
  handle: vi.fn(async (channel: string, payload: unknown, session: Session): Promise<Result<unknown>> => {
    if (channel === 'chat:start') {
      setTimeout(() => {
        session.emit({ streamId: 'st1', seq: 0, type: 'start', model: 'demo' });
        session.emit({ streamId: 'st1', seq: 1, type: 'delta', index: 0, text: 'Hi' });
      }, 5);
      return ok({ streamId: 'st1' });
    }
    if (channel === 'boom') throw new Error('internal detail');
    if (channel === 'nope') return fail('INVALID_REQUEST', 'Unknown channel.');
    return ok({ channel, payload, session: session.id });
  }),
  closeSession: vi.fn((id: string) => closed.push(id)),
};

let root: string;
let rendererDir: string;
let host: WebHost;
let origin: string;
let token: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'web-host-test-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Serving Studio</title>');
  writeFileSync(join(rendererDir, 'assets/app-123.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets/style.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'link.txt'));
  host = await startWebHost({ services: { router }, port: 0, rendererDir });
  origin = `http://127.0.0.1:${host.port}`;
  token = new URL(host.url).searchParams.get('token') ?? '';
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET: the path is sent as written (no client-side normalisation of `..`). */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((done, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

/** Opens a socket; resolves with it when open, rejects with the refusal. */
const open = (url: string, options: { origin?: string; host?: string } = {}) =>
  new Promise<WebSocket>((done, reject) => {
    const socket = new WebSocket(url, {
      origin: options.origin ?? origin,
      headers: options.host ? { host: options.host } : {},
    });
    socket.once('open', () => done(socket));
    socket.once('error', reject);
  });

const wsUrl = (value = token) => `ws://127.0.0.1:${host.port}/bridge?token=${encodeURIComponent(value)}`;

const nextFrame = (socket: WebSocket) =>
  new Promise<Record<string, unknown>>((done) =>
    socket.once('message', (data) => done(JSON.parse(String(data)))),
  );

describe('startWebHost: HTTP', () => {
  it('prints a loopback URL with a 256-bit token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves index.html for / with the security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Serving Studio');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy(host.port));
  });

  it('serves assets with their MIME types', async () => {
    expect((await get('/assets/app-123.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00',
    '/link.txt',
  ])('refuses traversal %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('TOP SECRET');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get('/', { host: `localhost:${host.port}` })).status).toBe(403);
  });

  it("keeps the CSP in step with the renderer's meta CSP", () => {
    const html = readFileSync(join(import.meta.dirname, '../../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    // The header adds frame-ancestors, which a meta CSP can't carry (Chromium ignores it there).
    expect(contentSecurityPolicy(1234)).toBe(
      `${meta?.replace('ws://127.0.0.1:*', 'ws://127.0.0.1:1234')}; frame-ancestors 'none'`,
    );
  });
});

describe('startWebHost: WebSocket', () => {
  it.each([
    ['a missing token', () => `ws://127.0.0.1:${host.port}/bridge`, () => ({}), 401],
    ['a wrong token', () => wsUrl('x'.repeat(43)), () => ({}), 401],
    ['a wrong Origin', () => wsUrl(), () => ({ origin: 'http://evil.example' }), 403],
    ['a localhost Origin', () => wsUrl(), () => ({ origin: `http://localhost:${host.port}` }), 403],
    ['a wrong Host', () => wsUrl(), () => ({ host: `evil.example:${host.port}` }), 403],
    // Prefix matches would let these through: each must be refused on its own.
    ['no Origin at all', () => wsUrl(), () => ({ origin: '' }), 403],
    [
      'an Origin on another port',
      () => wsUrl(),
      () => ({ origin: `http://127.0.0.1:${host.port + 1}` }),
      403,
    ],
    ['an Origin that only starts like ours', () => wsUrl(), () => ({ origin: `${origin}.evil.com` }), 403],
    [
      'a look-alike Origin host',
      () => wsUrl(),
      () => ({ origin: `http://127.0.0.1.evil.com:${host.port}` }),
      403,
    ],
    ['an https Origin', () => wsUrl(), () => ({ origin: `https://127.0.0.1:${host.port}` }), 403],
    ['a Host on another port', () => wsUrl(), () => ({ host: `127.0.0.1:${host.port + 1}` }), 403],
    [
      'a token with one character changed',
      () => wsUrl(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
      () => ({}),
      401,
    ],
    ['another path', () => wsUrl().replace('/bridge', '/other'), () => ({}), 404],
  ] as const)('refuses %s', async (_name, url, options, status) => {
    await expect(open(url(), options())).rejects.toThrow(String(status));
  });

  it('round-trips a call through the router', async () => {
    const socket = await open(wsUrl());
    socket.send(JSON.stringify({ kind: 'call', id: 1, channel: 'app:get-info', payload: { a: 1 } }));
    const frame = await nextFrame(socket);
    expect(frame).toMatchObject({
      kind: 'result',
      id: 1,
      result: { ok: true, value: { channel: 'app:get-info' } },
    });
    socket.send(JSON.stringify({ kind: 'call', id: 2, channel: 'boom' }));
    const failed = await nextFrame(socket);
    expect(failed).toMatchObject({
      kind: 'result',
      id: 2,
      result: { ok: false, error: { code: 'INTERNAL' } },
    });
    expect(JSON.stringify(failed)).not.toContain('internal detail');
    socket.close();
  });

  it('pushes stream events to the session that started them', async () => {
    const socket = await open(wsUrl());
    const frames: Record<string, unknown>[] = [];
    const three = new Promise<void>((done) =>
      socket.on('message', (data) => {
        frames.push(JSON.parse(String(data)));
        if (frames.length === 3) done();
      }),
    );
    socket.send(JSON.stringify({ kind: 'call', id: 9, channel: 'chat:start', payload: {} }));
    await three;
    expect(frames[0]).toMatchObject({ kind: 'result', id: 9 });
    expect(frames.slice(1)).toEqual([
      { kind: 'event', event: { streamId: 'st1', seq: 0, type: 'start', model: 'demo' } },
      { kind: 'event', event: { streamId: 'st1', seq: 1, type: 'delta', index: 0, text: 'Hi' } },
    ]);
    socket.close();
  });

  it.each([
    'not json',
    JSON.stringify({ kind: 'call', id: -1, channel: 'x' }),
    JSON.stringify({ kind: 'other' }),
  ])('closes with 1008 on a malformed frame %s', async (frame) => {
    const socket = await open(wsUrl());
    const code = new Promise<number>((done) => socket.once('close', (c) => done(c)));
    socket.send(frame);
    expect(await code).toBe(1008);
  });

  it('ends the router session when the socket closes', async () => {
    const socket = await open(wsUrl());
    socket.send(JSON.stringify({ kind: 'call', id: 1, channel: 'app:get-info' }));
    const frame = await nextFrame(socket);
    const sessionId = (frame.result as { value: { session: string } }).value.session;
    // No payload key in the frame (JSON has no undefined) reaches the router as undefined.
    expect(router.handle).toHaveBeenCalledWith(
      'app:get-info',
      undefined,
      expect.objectContaining({ id: sessionId }),
    );
    socket.close();
    await vi.waitFor(() => expect(closed).toContain(sessionId));
  });
});

describe('startWebHost: binding', () => {
  /** Resolves true when a TCP connection to address:port succeeds. */
  const reachable = (address: string) =>
    new Promise<boolean>((done) => {
      const socket = connect({ host: address, port: host.port, timeout: 1_000 });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
      socket.once('timeout', () => {
        socket.destroy();
        done(false);
      });
    });

  it('listens on 127.0.0.1 only', async () => {
    expect(await reachable('127.0.0.1')).toBe(true);
    expect(await reachable('::1')).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && !info.internal)
      .map((info) => info?.address ?? '');
    for (const address of external) expect(await reachable(address)).toBe(false);
  });
});
