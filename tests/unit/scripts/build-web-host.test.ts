import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs the real `build:web-host` entry point into a temporary folder. */
const ROOT = resolve(import.meta.dirname, '../../..');
let outDir: string;

const importsOf = (code: string): string[] =>
  [...code.matchAll(/^import\s[^'"]*?["']([^"']+)["'];?$/gm)].map((m) => m[1] ?? '');

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'build-web-host-'));
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/build-web-host.ts', '--out-dir', outDir],
    { cwd: ROOT, timeout: 60_000 },
  );
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build:web-host', () => {
  it('bundles the host into one ES module that imports only Node builtins and dependencies', () => {
    const code = readFileSync(join(outDir, 'cli.mjs'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const imported = importsOf(code);
    expect(imported.length).toBeGreaterThan(0);
    const packageOf = (id: string) =>
      id
        .split('/')
        .slice(0, id.startsWith('@') ? 2 : 1)
        .join('/');
    // Every package the host needs at run time is a production dependency (npm ci --omit=dev).
    expect(imported.filter((id) => !isBuiltin(id) && !(packageOf(id) in pkg.dependencies))).toEqual([]);
    // The host finds package.json and dist/renderer two folders above its own file.
    expect(code).toContain('new URL("../../", import.meta.url)');
  });
});
