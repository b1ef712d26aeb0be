import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, NO_CHROMIUM } from './tests/support/chromium';

/**
 * Two projects:
 * - `web`: the real renderer and the real privileged services in browser mode, driven in
 *   Chromium: CHROMIUM_PATH, else the system's Chromium or Chrome, else Playwright's own
 *   (tests/support/chromium.ts). With none, one line says what to install, and nothing runs.
 * - `electron`: the packaged app through Playwright's `_electron`; it skips with a clear
 *   reason when Electron's binary isn't installed (it can't be downloaded on offline machines).
 */

if (CHROMIUM_PATH === '') {
  console.error(NO_CHROMIUM);
  process.exit(1);
}

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
          executablePath: CHROMIUM_PATH,
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
