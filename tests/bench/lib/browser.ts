import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium';
import { PROBES_SCRIPT } from './probes';
import { type PageTrace, readTrace, TRACE_CATEGORIES } from './trace';

/** The e2e tests' flags, and precise (not bucketed) heap sizes for performance.memory. */
const ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];

/** Launches Chromium; a missing browser is a clear error, not a stack trace. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined;
  try {
    return await chromium.launch({ executablePath, args: ARGS });
  } catch (error) {
    throw new Error(
      `Chromium could not start (${CHROMIUM_PATH}): install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.\n${String(error)}`,
    );
  }
}

/** A fresh context (own storage) with the probes installed, and one page. */
export async function newProbedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: PROBES_SCRIPT });
  const page = await context.newPage();
  return { context, page };
}

/** Runs `body` while Chromium traces the page; returns its result and the parsed trace. */
export async function traced<T>(
  browser: Browser,
  page: Page,
  body: () => Promise<T>,
): Promise<{ result: T; trace: PageTrace }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const outcome = await body().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  // Always stop, so a failed run doesn't leave tracing on for the next one.
  const buffer = await browser.stopTracing();
  if ('error' in outcome) throw outcome.error;
  return { result: outcome.value, trace: readTrace(buffer) };
}

/** JS heap in use, MB (Chromium's performance.memory). */
export async function heapMb(page: Page): Promise<number> {
  return page.evaluate(() => {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return memory ? memory.usedJSHeapSize / 1_048_576 : Number.NaN;
  });
}

/** Waits until the page's main thread has been free for `quietMs` (a setTimeout heartbeat). */
export async function settle(page: Page, quietMs = 200): Promise<void> {
  await page.evaluate(
    (quiet) =>
      new Promise<void>((resolve) => {
        let previous = performance.now();
        let quietSince = previous;
        const tick = () => {
          const now = performance.now();
          // A heartbeat that comes late means the main thread was busy: start counting again.
          if (now - previous > 30) quietSince = now;
          previous = now;
          if (now - quietSince >= quiet) resolve();
          else setTimeout(tick, 10);
        };
        setTimeout(tick, 10);
      }),
    quietMs,
  );
}
