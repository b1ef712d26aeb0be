import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES, WS_PATH, WS_TOKEN_PARAM } from '../../shared/ws-protocol';
import type { Router } from '../services/router';
import { serveStaticFile } from './static-files';
import { attachSession } from './ws-session';

/** Loopback only: browser mode must never be reachable from another machine. */
const HOST = '127.0.0.1';
/** One frame's bound (`MAX_FRAME_BYTES`: the images and text one request may carry). */
export const MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES;

export interface WebHostOptions {
  /** The services whose router the page talks to (a StudioServices). */
  services: { router: Router };
  /** 0 or unset: a random free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
}

export interface WebHost {
  /** The page URL including the per-launch token: http://127.0.0.1:PORT/?token=… */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The page's Content-Security-Policy: renderer/index.html's meta CSP, with the WebSocket
 * narrowed from ws://127.0.0.1:* to this host's own port. Sent as a header too because a
 * meta CSP can't express frame-ancestors, and the header applies to every file served.
 * Keep the two in step (tests/unit/electron/web-host/server.test.ts compares them).
 */
export const contentSecurityPolicy = (port: number): string =>
  [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${HOST}:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Headers on every HTTP answer. */
const securityHeaders = (port: number): Record<string, string> => ({
  'Content-Security-Policy': contentSecurityPolicy(port),
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the token: never send it to anyone in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/**
 * Constant-time token comparison. Hashing first gives equal-length inputs, so neither the
 * content nor the length of the expected token leaks through timing.
 */
export const tokenMatches = (expected: string, given: string | null): boolean => {
  if (given === null) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
};

/** Ends an HTTP request or an upgrade with a bare status. */
const refuseUpgrade = (socket: Duplex, status: number): void => {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
};

/** Why an upgrade is refused, or null to accept it. */
const checkUpgrade = (request: IncomingMessage, port: number, token: string): number | null => {
  // A target like "http://a:b" is no URL at all: refused, never thrown (this runs outside any
  // promise, so a throw here would end the process).
  const base = `http://${HOST}:${port}`;
  if (!URL.canParse(request.url ?? '/', base)) return 400;
  const url = new URL(request.url ?? '/', base);
  if (url.pathname !== WS_PATH) return 404;
  // DNS rebinding: a hostile site whose name resolves to 127.0.0.1 arrives with its own Host.
  if (request.headers.host !== `${HOST}:${port}`) return 403;
  // Cross-site WebSocket hijacking: browsers always send Origin, and only our page has ours.
  if (request.headers.origin !== `http://${HOST}:${port}`) return 403;
  // The token proves the page was opened from the URL this process printed.
  if (!tokenMatches(token, url.searchParams.get(WS_TOKEN_PARAM))) return 401;
  return null;
};

/** Static files, with the Host check (DNS rebinding) and GET/HEAD only. */
const handleHttp = async (
  request: IncomingMessage,
  response: ServerResponse,
  port: number,
  rendererDir: string,
): Promise<void> => {
  const headers = securityHeaders(port);
  const refuse = (status: number) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${status} ${STATUS_CODES[status]}\n`);
  };
  if (request.headers.host !== `${HOST}:${port}`) return refuse(403);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
  if (!(await serveStaticFile(rendererDir, request, response, headers))) refuse(404);
};

/** Binds the HTTP server on loopback and resolves with the port it got. */
const listen = (server: ReturnType<typeof createServer>, port: number): Promise<number> =>
  new Promise((done, reject) => {
    server.once('error', reject);
    server.listen({ host: HOST, port }, () => {
      server.off('error', reject);
      done((server.address() as AddressInfo).port);
    });
  });

/**
 * Starts the browser-mode host: the built renderer over HTTP and the router over a
 * WebSocket, both on 127.0.0.1 only, guarded by a random per-launch token, an Origin check
 * and a Host check.
 */
export const startWebHost = async (options: WebHostOptions): Promise<WebHost> => {
  const token = randomBytes(32).toString('base64url');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  let port = 0;
  const server = createServer((request, response) => {
    handleHttp(request, response, port, options.rendererDir).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const refusal = checkUpgrade(request, port, token);
    if (refusal !== null) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(request, socket, head, (ws) => attachSession(ws, options.services.router));
  });
  port = await listen(server, options.port ?? 0);
  const close = async (): Promise<void> => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((done) => wss.close(() => done()));
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  };
  return { url: `http://${HOST}:${port}/?${WS_TOKEN_PARAM}=${token}`, port, close };
};
