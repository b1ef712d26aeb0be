import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs the real `build:electron` entry point into a temporary folder. */
const ROOT = resolve(import.meta.dirname, '../../..');
let outDir: string;

const requiresOf = (code: string): string[] =>
  [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1] ?? '');

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'build-electron-'));
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/build-electron.ts', '--out-dir', outDir],
    {
      cwd: ROOT,
      timeout: 60_000,
    },
  );
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build:electron', () => {
  it('emits main.cjs and preload.cjs', () => {
    expect(existsSync(join(outDir, 'main.cjs'))).toBe(true);
    expect(existsSync(join(outDir, 'preload.cjs'))).toBe(true);
  });

  it('bundles the preload into one CommonJS file that requires only electron', () => {
    const code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(requiresOf(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("studio"');
    expect(code).not.toContain('import.meta');
  });

  it('bundles the main process with no local requires, keeping packages external', () => {
    const code = readFileSync(join(outDir, 'main.cjs'), 'utf8');
    const required = requiresOf(code);
    expect(required.filter((id) => id.startsWith('.') || id.startsWith('/'))).toEqual([]);
    expect(required).toContain('electron');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/import\.meta\.url/);
  });
});
