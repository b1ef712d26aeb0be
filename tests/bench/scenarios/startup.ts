import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { startHost } from '../../support/studio-host';
import type { AppSession } from '../lib/app';
import { newProbedPage } from '../lib/browser';
import { type ProcessRss, processTreeRss } from '../lib/process-memory';
import { target, withNote } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Scenario 6: what it costs to start, and to stop an answer.
 * - Initial JavaScript: every script the built index.html loads up front (its module entry
 *   and modulepreloads), gzipped at zlib's default level as a web server would.
 * - Time to interactive in browser mode: navigation start → the message box is ready for a
 *   message (bridge answered, workspace and endpoints loaded, an endpoint picked), in a fresh
 *   browser context each run (cold cache, as at launch; the host already knows the demo).
 *   Each run also records where the time went (the page's own timings: script loaded, DOM
 *   ready, first paint, bridge open, each bridge call's round trip).
 * - Host memory: a freshly started browser-mode host (the process `npm run web` runs, and
 *   every process below it) after a page opened it, chose the demo workspace and showed the
 *   message box, then 2 s idle: VmRSS from /proc, summed over the process tree.
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

/** Where a cold start's time went: ms after navigation start (NaN when not seen). */
export interface StartPhases {
  /** The HTML's last byte. */
  html: number;
  /** The last start-up script's last byte (module entry and its preloads). */
  scripts: number;
  /** DOMContentLoaded done: every start-up module evaluated. */
  domReady: number;
  firstContentfulPaint: number;
  /** The bridge's WebSocket open. */
  bridgeOpen: number;
  /** Each bridge call before ready: channel, sent, answered. */
  calls: { channel: string; sent: number; answered: number }[];
  ready: number;
}

/** Page-side recorder of the bridge's WebSocket (installed before the app's scripts run). */
const BRIDGE_RECORDER = `(() => {
  const log = { open: Number.NaN, calls: new Map() };
  window.__benchBridge = log;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { if (Number.isNaN(log.open)) log.open = performance.now(); });
      this.addEventListener('message', (m) => {
        try { const f = JSON.parse(m.data); const c = log.calls.get(f.id); if (f.kind === 'result' && c && !c.answered) c.answered = performance.now(); } catch {}
      });
    }
    send(data) {
      try { const f = JSON.parse(data); if (f.kind === 'call') log.calls.set(f.id, { channel: f.channel, sent: performance.now(), answered: Number.NaN }); } catch {}
      super.send(data);
    }
  };
})();`;

async function readPhases(page: Page, ready: number): Promise<StartPhases> {
  const phases = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
      .filter((e) => e.startTime < (nav?.domContentLoadedEventEnd ?? Number.POSITIVE_INFINITY));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const bridge = (
      window as unknown as {
        __benchBridge?: {
          open: number;
          calls: Map<number, { channel: string; sent: number; answered: number }>;
        };
      }
    ).__benchBridge;
    return {
      html: nav?.responseEnd ?? Number.NaN,
      scripts:
        scripts.length > 0
          ? Math.max(...scripts.map((e) => (e as PerformanceResourceTiming).responseEnd))
          : Number.NaN,
      domReady: nav?.domContentLoadedEventEnd ?? Number.NaN,
      firstContentfulPaint: fcp?.startTime ?? Number.NaN,
      bridgeOpen: bridge?.open ?? Number.NaN,
      calls: bridge ? [...bridge.calls.values()] : [],
    };
  });
  return { ...phases, calls: phases.calls.filter((c) => c.sent <= ready), ready };
}

/**
 * Opens the app in a fresh browser context (cold cache, as at launch; the host already knows
 * the demo workspace) and measures navigation start → ready for a message, with its phases.
 */
export async function timeToInteractive(browser: Browser, app: AppSession): Promise<StartPhases> {
  const { context, page } = await newProbedPage(browser);
  try {
    await context.addInitScript({ content: BRIDGE_RECORDER });
    await page.goto(app.host.url, { waitUntil: 'commit' });
    const ready = await page.evaluate(
      (selector) =>
        window.__bench.watchElement(selector, 'bench:interactive').then((at) => at - performance.timeOrigin),
      READY,
    );
    return await readPhases(page, ready);
  } finally {
    await context.close();
  }
}

/** How long the host is left idle before its memory is read. */
const IDLE_MS = 2_000;

/**
 * Starts a fresh browser-mode host, opens the app in a fresh context, chooses the demo
 * workspace, waits for the message box, idles 2 s and reads the host's resident memory
 * (the host process and every process below it).
 */
export async function hostRssIdle(browser: Browser): Promise<{ rssMb: number; processes: ProcessRss[] }> {
  const started = await startHost();
  const { context, page } = await newProbedPage(browser);
  try {
    await page.goto(started.host.url);
    await page.getByRole('button', { name: 'Use demo workspace' }).click();
    await page.locator(READY).waitFor();
    await page.waitForTimeout(IDLE_MS);
    const processes = processTreeRss(started.host.pid);
    if (processes.length === 0) throw new Error(`the host (pid ${started.host.pid}) is not running`);
    return { rssMb: processes.reduce((sum, p) => sum + p.rssKb, 0) / 1024, processes };
  } finally {
    await context.close();
    await started.stop();
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
  title: 'initial JavaScript, time to interactive in browser mode, host memory, and Stop latency',
  async run({ browser, app, runs, results }) {
    const js = initialJs();
    const starts: StartPhases[] = [];
    for (let r = 0; r < runs; r++) starts.push(await timeToInteractive(browser, app));
    const memory: Awaited<ReturnType<typeof hostRssIdle>>[] = [];
    for (let r = 0; r < runs; r++) memory.push(await hostRssIdle(browser));
    const stops: Awaited<ReturnType<typeof stopLatency>>[] = [];
    for (let r = 0; r < runs; r++) stops.push(await stopLatency(app));
    const stop = summarize(stops.map((s) => s.stopMs));
    const tti = summarize(starts.map((s) => s.ready));
    const domReady = summarize(starts.map((s) => s.domReady));
    const rss = summarize(memory.map((m) => m.rssMb));
    const processes = Math.max(...memory.map((m) => m.processes.length));
    results.targets.push(
      target('initial-js', '6 · Initial JavaScript (gzip)', summarize([js.gzipKb]), 350, 'KB'),
      withNote(
        target('tti', '6 · Time to interactive, browser mode (cold cache)', tti, 500, 'ms'),
        `scripts evaluated at ${Math.round(domReady.median)} ms`,
      ),
      withNote(
        target('host-rss-idle', '6 · Browser-mode host memory, idle on the demo (RSS)', rss, 120, 'MB'),
        `${processes} process${processes === 1 ? '' : 'es'}`,
      ),
      target('stop', '6 · Stop: click → stream closed and UI idle', stop, 100, 'ms'),
    );
    results.scenarios.startup = { initialJs: js, ttiMs: tti.runs, starts, hostMemory: memory, stops };
  },
};
