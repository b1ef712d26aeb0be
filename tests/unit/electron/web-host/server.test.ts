import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Session } from '../../../../electron/services/types';
import {
  contentSecurityPolicy,
  startWebHost,
  tokenMatches,
  type WebHost,
} from '../../../../electron/web-host/server';
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

/**
 * Sends bytes exactly as written over a fresh TCP connection and resolves with everything the
 * host answered before closing (no client library to add, drop or normalise a header).
 */
const raw = (text: string) =>
  new Promise<string>((done, reject) => {
    const socket = connect({ host: '127.0.0.1', port: host.port }, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => done(answer));
    socket.on('error', reject);
  });

/** A WebSocket upgrade request as written by hand: Host and Origin only when given. */
const upgrade = (path: string, headers: { host?: string; origin?: string }) =>
  raw(
    [
      `GET ${path} HTTP/1.1`,
      ...(headers.host === undefined ? [] : [`Host: ${headers.host}`]),
      ...(headers.origin === undefined ? [] : [`Origin: ${headers.origin}`]),
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );

/** The headers every HTTP answer carries, whatever its status. */
const expectSecurityHeaders = (headers: Record<string, unknown>) => {
  expect(headers).toMatchObject({
    'content-security-policy': contentSecurityPolicy(host.port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
};

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

  it('sends the security headers on every answer, refusals included', async () => {
    expectSecurityHeaders((await get('/')).headers);
    expectSecurityHeaders((await get('/assets/app-123.js')).headers);
    expectSecurityHeaders((await get('/missing')).headers);
    expectSecurityHeaders((await get('/', { host: `evil.example:${host.port}` })).headers);
  });

  it.each([
    ['a foreign Host', 'GET', `evil.example:PORT`, 403, 'Forbidden'],
    ['a Host on another port', 'GET', '127.0.0.1:1', 403, 'Forbidden'],
    ['a POST', 'POST', '127.0.0.1:PORT', 405, 'Method Not Allowed'],
    ['a PUT', 'PUT', '127.0.0.1:PORT', 405, 'Method Not Allowed'],
    ['a DELETE', 'DELETE', '127.0.0.1:PORT', 405, 'Method Not Allowed'],
    ['no such file', 'GET', '127.0.0.1:PORT', 404, 'Not Found'],
  ])('refuses %s with a plain-text status', async (_why, method, hostHeader, status, words) => {
    const path = status === 404 ? '/nothing-here' : '/';
    const answer = await raw(
      `${method} ${path} HTTP/1.0\r\nHost: ${hostHeader.replace('PORT', String(host.port))}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.startsWith(`HTTP/1.1 ${status} ${words}\r\n`)).toBe(true);
    expect(answer).toMatch(/\r\ncontent-type: text\/plain; charset=utf-8\r\n/i);
    expect(answer.endsWith(`\r\n\r\n${status} ${words}\n`)).toBe(true);
    expect(answer).not.toContain('Serving Studio');
  });

  it('answers HEAD with the headers only', async () => {
    const answer = await raw(`HEAD / HTTP/1.0\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(answer.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(answer).toMatch(/\r\ncontent-type: text\/html; charset=utf-8\r\n/i);
    expect(answer.endsWith('\r\n\r\n')).toBe(true);
  });

  it('answers a request it cannot make sense of with a bare 500 and stays up', async () => {
    // An absolute-form target with a bad port: no URL can be built from it.
    const answer = await raw(
      `GET http://a:b HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.startsWith('HTTP/1.1 500 Internal Server Error\r\n')).toBe(true);
    expect((await get('/')).status).toBe(200);
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

  // Written by hand, so Host and Origin can be left out or set to anything.
  const ourHost = () => `127.0.0.1:${host.port}`;
  it.each([
    ['no Origin header at all', () => ({ host: ourHost() }), 403, 'Forbidden'],
    ['no Host header at all', () => ({ origin }), 403, 'Forbidden'],
    ['a Host on another port', () => ({ host: '127.0.0.1:1', origin }), 403, 'Forbidden'],
    ['a Host of localhost', () => ({ host: `localhost:${host.port}`, origin }), 403, 'Forbidden'],
    ['a Host that only starts like ours', () => ({ host: `${ourHost()}0`, origin }), 403, 'Forbidden'],
    ['an Origin with a path', () => ({ host: ourHost(), origin: `${origin}/` }), 403, 'Forbidden'],
    ['an upper-case Origin', () => ({ host: ourHost(), origin: origin.toUpperCase() }), 403, 'Forbidden'],
    ['everything right but the token', () => ({ host: ourHost(), origin }), 401, 'Unauthorized'],
  ] as const)('refuses an upgrade with %s, with a bare status line', async (_why, headers, status, words) => {
    const answer = await upgrade('/bridge?token=wrong', headers());
    expect(answer).toBe(`HTTP/1.1 ${status} ${words}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  it.each(['http://a:b', 'http://[::1', '//:99999/bridge'])(
    'refuses an upgrade to the unparseable target %s with 400, and keeps serving',
    async (target) => {
      const answer = await upgrade(target, { host: ourHost(), origin });
      expect(answer).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      expect(await upgrade('/bridge?token=wrong', { host: ourHost(), origin })).toMatch(/^HTTP\/1.1 401/);
    },
  );

  it('accepts a hand-written upgrade with our Host, Origin and token', async () => {
    const answer = await new Promise<string>((done, reject) => {
      const socket = connect({ host: '127.0.0.1', port: host.port }, () =>
        socket.write(
          [
            `GET /bridge?token=${token} HTTP/1.1`,
            `Host: 127.0.0.1:${host.port}`,
            `Origin: ${origin}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
            'Sec-WebSocket-Version: 13',
            '',
            '',
          ].join('\r\n'),
        ),
      );
      socket.once('data', (chunk) => {
        socket.destroy();
        done(String(chunk));
      });
      socket.on('error', reject);
    });
    expect(answer.startsWith('HTTP/1.1 101 Switching Protocols\r\n')).toBe(true);
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

describe('tokenMatches', () => {
  const expected = 'abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123_';
  it.each([
    ['the same token', expected, true],
    ['no token', null, false],
    ['an empty token', '', false],
    ['a prefix of it', expected.slice(0, -1), false],
    ['it with one more character', `${expected}x`, false],
    ['it in another case', expected.toUpperCase(), false],
    ['one character changed', `${expected.slice(0, -1)}A`, false],
  ])('%s → %s', (_why, given, matches) => {
    expect(tokenMatches(expected, given)).toBe(matches);
  });
});

describe('startWebHost: lifecycle', () => {
  it('refuses to start on a port already taken, saying why', async () => {
    await expect(startWebHost({ services: { router }, port: host.port, rendererDir })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });

  it('closes its sockets and stops listening on close()', async () => {
    const other = await startWebHost({ services: { router }, rendererDir });
    const otherToken = new URL(other.url).searchParams.get('token') ?? '';
    const socket = new WebSocket(`ws://127.0.0.1:${other.port}/bridge?token=${otherToken}`, {
      origin: `http://127.0.0.1:${other.port}`,
    });
    await new Promise((done) => socket.once('open', done));
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    // A request still arriving (headers not finished) must not hold close() up either.
    const halfway = connect({ host: '127.0.0.1', port: other.port });
    // The host drops it: a reset is the expected end, not a failure.
    halfway.on('error', () => undefined);
    await new Promise((done) => halfway.once('connect', done));
    halfway.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${other.port}\r\n`);
    const halfwayClosed = new Promise((done) => halfway.once('close', done));
    await other.close();
    await halfwayClosed;
    // Terminated, not closed politely: 1006 is "gone without a close frame".
    expect(await closed).toBe(1006);
    await expect(
      new Promise((done, reject) => {
        const probe = connect({ host: '127.0.0.1', port: other.port });
        probe.once('connect', () => {
          probe.destroy();
          done('connected');
        });
        probe.once('error', reject);
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
