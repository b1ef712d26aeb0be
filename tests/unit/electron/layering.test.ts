import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Which part of electron/ may import which. The two transports (main = Electron IPC,
 * web-host = browser mode over a loopback WebSocket) both sit on services/ and must not
 * reach into each other; services stay plain Node so both can run them.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const ELECTRON = join(ROOT, 'electron');

/** Every .ts file under a folder of electron/. */
function sources(folder: string): string[] {
  return readdirSync(join(ELECTRON, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ELECTRON, folder, f));
}

/** The import specifiers of a file: static, re-exports and dynamic import(). */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found = code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm);
  return [...found].map((m) => m[1] ?? '');
}

/** `file: specifier` for each import of `folder` that lands in one of `forbidden` (folders of electron/). */
function crossings(folder: string, forbidden: string[], packages: string[] = []): string[] {
  return sources(folder).flatMap((file) =>
    importsOf(file)
      .filter((spec) => {
        if (!spec.startsWith('.')) return packages.includes(spec);
        const target = relative(ELECTRON, resolve(dirname(file), spec));
        return forbidden.some((f) => target === f || target.startsWith(`${f}/`));
      })
      .map((spec) => `${relative(ROOT, file)}: ${spec}`),
  );
}

describe('electron/ layering', () => {
  it('main does not import web-host', () => {
    expect(crossings('main', ['web-host'])).toEqual([]);
  });

  it('web-host does not import main or Electron', () => {
    expect(crossings('web-host', ['main', 'preload'], ['electron'])).toEqual([]);
  });

  it('services do not import a transport or Electron', () => {
    expect(crossings('services', ['main', 'web-host', 'preload'], ['electron'])).toEqual([]);
  });

  it('finds a crossing when there is one (the check itself works)', () => {
    expect(crossings('main', ['services'])).not.toEqual([]);
    expect(crossings('main', [], ['electron'])).not.toEqual([]);
  });
});
