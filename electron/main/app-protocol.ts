import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';
import type { Protocol } from 'electron';

/*
 * The renderer is served from app://studio/, not file://. Every file:// page shares one opaque
 * origin and, with Electron's default fuse, extra privileges over the whole disk; a custom
 * standard scheme gives the page an origin of its own, a Content-Security-Policy sent as a
 * header (a meta tag can't say frame-ancestors, and the Electron page needs no WebSocket), and
 * lets the packaged app turn the file-protocol privileges off (electron-builder.yml).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
/** The URL the window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The Electron page's policy: renderer/index.html's meta CSP without the browser-mode
 * WebSocket (the desktop app talks to the main process over IPC only), plus frame-ancestors.
 */
export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * The file under `root` that `url` names, or null when it isn't one of ours: another scheme or
 * host, a NUL byte, or a path that leaves `root` (dot segments, encoded or not).
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '' || path === '/') path = '/index.html';
  const full = normalize(join(root, path));
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return full;
}

/** Headers on every answer: the policy, no sniffing, no framing. */
const headersFor = (file: string | null): Record<string, string> => ({
  'Content-Security-Policy': ELECTRON_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  ...(file ? { 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' } : {}),
});

/** The answer to one app:// request: the file, or 404 (never a directory listing, never outside root). */
export async function appResponse(root: string, url: string): Promise<Response> {
  const file = resolveAppFile(root, url);
  if (!file) return new Response('Not found', { status: 404, headers: headersFor(null) });
  try {
    return new Response(new Uint8Array(await readFile(file)), { status: 200, headers: headersFor(file) });
  } catch {
    return new Response('Not found', { status: 404, headers: headersFor(null) });
  }
}

/** Declares app:// a standard, secure scheme. Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves `root` (the built renderer) on app://studio/. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request.url));
}
