import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_TOKEN, type StudioHost, startHost } from '../../support/studio-host';

/**
 * E2E harness for browser mode. Each test gets its own user-data folder, its own demo
 * workspace port and its own browser-mode host process (the real `npm run web` entry point),
 * so tests never share state. The page is opened with the host's per-launch token and the
 * test waits for the app's ready marker.
 */

export { DEMO_TOKEN, type StudioHost };

/** Opens the app and waits until the bridge has answered. */
export async function openApp(page: Page, host: StudioHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('app-ready')).toBeVisible();
}

/** First run → demo workspace. */
export async function useDemo(page: Page): Promise<void> {
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByRole('button', { name: 'Use demo workspace' }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();
}

export const test = base.extend<{ studio: StudioHost; hostEnv: Record<string, string> }>({
  /** Extra environment for the host process: `test.use({ hostEnv: { … } })`. */
  hostEnv: [{}, { option: true }],
  studio: async ({ hostEnv }, use, testInfo) => {
    const { host, stop, log } = await startHost(hostEnv);
    try {
      await use(host);
    } finally {
      await stop();
      // The host's own output explains most failures (an error the page only shows as "internal").
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('web-host.log', { body: log.join(''), contentType: 'text/plain' });
      }
    }
  },
});

export { expect };
