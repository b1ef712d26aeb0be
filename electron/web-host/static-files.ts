import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** How much of a file is read (and written to the socket) at a time. */
const STREAM_CHUNK_BYTES = 1024 * 1024;

/** Content types of what a Vite build emits. Unknown types are served as opaque bytes. */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The content type for a file name. */
export const mimeTypeOf = (file: string): string =>
  MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** True when `child` is `root` or inside it. */
const isInside = (root: string, child: string): boolean => {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Maps a request path to a file under `root`, or null when it would leave `root`.
 * Percent-decoding happens first (so `%2e%2e%2f` is caught), NUL bytes and backslashes are
 * refused outright (Windows would treat `\` as a separator after our check).
 */
export const resolveStaticPath = (root: string, urlPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // Malformed percent-encoding.
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = resolve(root, relativePath);
  return isInside(resolve(root), file) ? file : null;
};

/**
 * Serves one static file for GET/HEAD. Symlinks are resolved and checked again, so a link
 * inside the build folder can't expose a file outside it. Returns false (nothing sent) when
 * there is no such file, so the caller answers 404.
 */
export const serveStaticFile = async (
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> => {
  const pathname = new URL(request.url ?? '/', 'http://placeholder').pathname;
  const candidate = resolveStaticPath(root, pathname);
  if (!candidate) return false;
  let file: string;
  try {
    file = await realpath(candidate);
    if (!isInside(await realpath(root), file) || !(await stat(file)).isFile()) return false;
  } catch {
    return false;
  }
  const isHtml = mimeTypeOf(file).startsWith('text/html');
  response.writeHead(200, {
    ...headers,
    'Content-Type': mimeTypeOf(file),
    // The page must be fetched fresh (a new build, a new launch); assets are revalidated.
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return true;
  }
  // 1 MB reads: the start-up script goes out in one or two writes rather than a dozen 64 KB
  // ones, each waiting its turn on the host's event loop (which a busy machine delays).
  createReadStream(file, { highWaterMark: STREAM_CHUNK_BYTES })
    .on('error', () => response.destroy())
    .pipe(response);
  return true;
};
