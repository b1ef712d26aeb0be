import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium';

/**
 * Two projects:
 * - `web`: the real renderer and the real privileged services in browser mode, driven in
 *   Chromium. Playwright can't download its own browser here, so the system Chromium is used
 *   when present (CHROMIUM_PATH overrides).
 * - `electron`: the packaged app through Playwright's `_electron`; it skips with a clear
 *   reason when Electron's binary isn't installed (it can't be downloaded on offline machines).
 */

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry on CI: a test that only passes on retry is still reported as flaky, but a
  // one-off timing hiccup on a loaded 2-core runner doesn't stop a submission from landing.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/e2e/electron',
    },
  ],
});
