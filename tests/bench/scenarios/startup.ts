import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { AppSession } from '../lib/app';
import { newProbedPage } from '../lib/browser';
import { info, target } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Scenario 6: what it costs to start, and to stop an answer.
 * - Initial JavaScript: every script the built index.html loads up front (its module entry
 *   and modulepreloads), gzipped at zlib's default level as a web server would.
 * - Time to interactive in browser mode: navigation start → the message box is ready for a
 *   message (bridge answered, workspace and endpoints loaded, an endpoint picked).
 * - Stop: the click on Stop → the stream closed at the server and the UI idle (Send is back
 *   and the answer is marked stopped); the later of the two.
 */

const RENDERER_DIR = resolve(import.meta.dirname, '../../../dist/renderer');
const READY = 'textarea[placeholder^="Message the model"]';
const STOP = 'button[title="Stop (Esc)"]';

/** Initial JS of the built renderer: files and gzipped bytes. */
export function initialJs(dir = RENDERER_DIR): { files: string[]; gzipKb: number; rawKb: number } {
  const html = readFileSync(resolve(dir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  let gzip = 0;
  let raw = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(resolve(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: [...new Set(files)], gzipKb: gzip / 1024, rawKb: raw / 1024 };
}

/**
 * Opens the app in a fresh browser context (cold cache, as at launch; the host already knows
 * the demo workspace) and measures navigation start → ready for a message.
 */
export async function timeToInteractive(browser: Browser, app: AppSession): Promise<number> {
  const { context, page } = await newProbedPage(browser);
  try {
    await page.goto(app.host.url, { waitUntil: 'commit' });
    return await page.evaluate(
      (selector) =>
        window.__bench.watchElement(selector, 'bench:interactive').then((at) => at - performance.timeOrigin),
      READY,
    );
  } finally {
    await context.close();
  }
}

/** One Stop: click → server closed and UI idle, ms; also each part. */
export async function stopLatency(
  app: AppSession,
): Promise<{ stopMs: number; uiMs: number; serverMs: number }> {
  const page = app.page;
  await app.configureDemo({ responseText: null, responseTokens: 50_000, tokensPerSec: 2_000, ttftMs: 50 });
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Message', { exact: true }).fill('Tell me a very long story.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator(STOP).waitFor();
  await page.waitForTimeout(1_000);
  const idle = page.evaluate(
    ([stop]) =>
      Promise.all([
        window.__bench.watchGone(stop, 'bench:stop-gone'),
        window.__bench.watchElement(
          '[data-testid="assistant-message"][data-status="stopped"]',
          'bench:stopped',
        ),
      ]),
    [STOP] as const,
  );
  await page.locator(STOP).click();
  const [goneAt, stoppedAt] = await idle;
  const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
  // The demo notices the closed connection on its own schedule: give it a moment.
  await page.waitForTimeout(200);
  const stream = (await app.streams()).at(-1);
  if (!stream?.endedAt || !stream.clientClosed)
    throw new Error('the demo did not see the client close the stream');
  const uiMs = Math.max(goneAt, stoppedAt) - clickedAt;
  const serverMs = stream.endedAt - clickedAt;
  return { stopMs: Math.max(uiMs, serverMs), uiMs, serverMs };
}

/** Scenario 6 for `npm run bench`. */
export const startupScenario: Scenario = {
  name: 'startup',
  title: 'initial JavaScript, time to interactive in browser mode, and Stop latency',
  async run({ browser, app, runs, results }) {
    const js = initialJs();
    const tti: number[] = [];
    for (let r = 0; r < runs; r++) tti.push(await timeToInteractive(browser, app));
    const stops: Awaited<ReturnType<typeof stopLatency>>[] = [];
    for (let r = 0; r < runs; r++) stops.push(await stopLatency(app));
    const stop = summarize(stops.map((s) => s.stopMs));
    results.targets.push(
      target('initial-js', '6 · Initial JavaScript (gzip)', summarize([js.gzipKb]), 350, 'KB'),
      info('tti', '6 · Time to interactive, browser mode (cold cache)', summarize(tti), 'ms'),
      target('stop', '6 · Stop: click → stream closed and UI idle', stop, 100, 'ms'),
    );
    results.scenarios.startup = { initialJs: js, ttiMs: tti, stops };
  },
};
