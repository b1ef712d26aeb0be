import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mimeTypeOf, resolveStaticPath, serveStaticFile } from '../../../../electron/web-host/static-files';

// A file whose bytes can't be read after it was found (a disk error, a file deleted mid-way).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const createReadStream = ((file: string, ...rest: never[]) =>
    String(file).endsWith('unreadable.js')
      ? new Readable({
          read() {
            this.destroy(new Error('EIO: i/o error, read'));
          },
        })
      : fs.createReadStream(file, ...rest)) as typeof fs.createReadStream;
  return { ...fs, default: { ...fs, createReadStream }, createReadStream };
});

/*
 * The browser-mode host's files: which path maps to which file (never one outside the build
 * folder), with which content type and caching. The HTTP server test covers the same through
 * real requests; these pin each rule on its own.
 */

describe('mimeTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['manifest.json', 'application/json; charset=utf-8'],
    ['app.js.map', 'application/json; charset=utf-8'],
    ['licenses.txt', 'text/plain; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['anim.gif', 'image/gif'],
    ['pic.webp', 'image/webp'],
    ['favicon.ico', 'image/x-icon'],
    ['font.woff', 'font/woff'],
    ['font.woff2', 'font/woff2'],
    ['font.ttf', 'font/ttf'],
    ['module.wasm', 'application/wasm'],
    ['INDEX.HTML', 'text/html; charset=utf-8'],
    ['archive.zip', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeOf(file)).toBe(type);
  });
});

describe('resolveStaticPath', () => {
  const root = resolve('/srv/renderer');
  it.each([
    ['/', join(root, 'index.html')],
    ['', join(root, 'index.html')],
    ['/index.html', join(root, 'index.html')],
    ['/assets/app.js', join(root, 'assets/app.js')],
    ['//assets/app.js', join(root, 'assets/app.js')],
    ['/assets/../index.html', join(root, 'index.html')],
    ['/%61ssets/app.js', join(root, 'assets/app.js')],
    // A name that merely starts with two dots stays inside.
    ['/..hidden', join(root, '..hidden')],
    ['/a..b/c', join(root, 'a..b/c')],
    // The folder itself is inside it (serving then finds no file there).
    ['/.', root],
    // Only leading slashes are dropped, never one inside the path.
    ['assets/app.js', join(root, 'assets/app.js')],
  ])('maps %j inside the folder', (path, file) => {
    expect(resolveStaticPath(root, path)).toBe(file);
  });

  it.each([
    ['a parent segment', '/../secret.txt'],
    ['the parent itself', '/..'],
    ['a parent reached from inside', '/assets/../../secret.txt'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['an encoded slash', '/..%2fsecret.txt'],
    ['a backslash', '/..\\secret.txt'],
    ['an encoded backslash', '/assets%5capp.js'],
    ['a NUL byte', '/index.html%00.png'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['a lone percent sign', '/100%'],
  ])('refuses %s (%j)', (_why, path) => {
    expect(resolveStaticPath(root, path)).toBeNull();
  });
});

/** A response double: status, headers and the body written (or piped) into it. */
class ResponseDouble extends Writable {
  status = 0;
  headers: Record<string, string> = {};
  body = '';
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.body += chunk.toString('utf8');
    done();
  }
  /** Resolves once the body is complete. */
  finished() {
    return new Promise<void>((done) => {
      if (this.writableFinished) done();
      else this.once('finish', () => done());
    });
  }
}

describe('serveStaticFile', () => {
  let dir: string;
  let root: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'static-files-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Studio</title>');
    writeFileSync(join(root, 'assets/app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'outside.txt'));
    symlinkSync(join(root, 'assets/app.js'), join(root, 'inside.js'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const serve = async (url: string | undefined, method = 'GET', folder = root) => {
    const response = new ResponseDouble();
    const served = await serveStaticFile(
      folder,
      { url, method } as IncomingMessage,
      response as unknown as ServerResponse,
      { 'X-Test': 'kept' },
    );
    if (served) await response.finished();
    return { served, response };
  };

  it('serves the page for / (and for a request without a URL), never cached', async () => {
    for (const url of ['/', undefined, '/index.html?token=abc']) {
      const { served, response } = await serve(url);
      expect(served).toBe(true);
      expect(response.status).toBe(200);
      expect(response.headers).toEqual({
        'X-Test': 'kept',
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      expect(response.body).toBe('<!doctype html><title>Studio</title>');
    }
  });

  it('serves an asset with its type, revalidated rather than never stored', async () => {
    const { response } = await serve('/assets/app.js');
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['Cache-Control']).toBe('no-cache');
    expect(response.body).toBe('console.log(1)');
  });

  it('answers HEAD with the headers and no body', async () => {
    const { served, response } = await serve('/assets/app.js', 'HEAD');
    expect(served).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toBe('');
  });

  it('follows a link that stays inside the folder, and refuses one that leaves it', async () => {
    expect((await serve('/inside.js')).response.body).toBe('console.log(1)');
    const outside = await serve('/outside.txt');
    expect(outside.served).toBe(false);
    expect(outside.response.status).toBe(0);
  });

  it.each([
    ['a missing file', '/missing.js'],
    ['a folder', '/assets'],
    ['a path out of the folder', '/../secret.txt'],
  ])('sends nothing for %s', async (_why, url) => {
    const { served, response } = await serve(url);
    expect(served).toBe(false);
    expect(response.status).toBe(0);
    expect(response.body).toBe('');
  });

  it('drops the connection when the file cannot be read after all', async () => {
    writeFileSync(join(root, 'unreadable.js'), 'x');
    const response = new ResponseDouble();
    const served = await serveStaticFile(
      root,
      { url: '/unreadable.js', method: 'GET' } as IncomingMessage,
      response as unknown as ServerResponse,
      {},
    );
    expect(served).toBe(true);
    await vi.waitFor(() => expect(response.destroyed).toBe(true));
    expect(response.writableFinished).toBe(false);
  });

  it('serves from a folder reached through a link (the real path is checked, not the name)', async () => {
    const linked = join(dir, 'linked-renderer');
    symlinkSync(root, linked);
    expect((await serve('/assets/app.js', 'GET', linked)).response.body).toBe('console.log(1)');
  });
});
