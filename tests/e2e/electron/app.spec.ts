import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * The desktop app itself, through Playwright's Electron driver. Electron's binary is
 * downloaded by its own installer, which offline machines can't run: then these tests skip
 * and say why, and the same renderer and services are covered by the `web` project.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'dist/electron/main.cjs');

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(
    binary === null,
    "Electron's binary is not installed (its installer downloads it, which this machine cannot); the web project covers the same renderer and services.",
  );
  test.skip(!existsSync(MAIN), 'dist/electron/main.cjs is missing: run `npm run build` first.');

  test('starts hardened, exposes only the named bridge, and offers the demo workspace', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'studio-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [MAIN, `--user-data-dir=${userData}`, '--no-sandbox'],
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('app-ready')).toBeVisible();
      const exposure = await window.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        studio: Object.keys((window as unknown as { studio: object }).studio).sort(),
      }));
      expect(exposure.require).toBe('undefined');
      expect(exposure.process).toBe('undefined');
      expect(exposure.studio).toContain('startChat');
      expect(exposure.studio).not.toContain('invoke');
      await window.getByRole('button', { name: 'Use demo workspace' }).click();
      await expect(window.getByTestId('first-run')).toBeHidden();
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
