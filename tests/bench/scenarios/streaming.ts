import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { benchmarkAnswer, tokenCount } from '../lib/answer';
import { type AppSession, answerDone } from '../lib/app';
import { newProbedPage, settle, traced } from '../lib/browser';
import { pageDemoOffset } from '../lib/clock';
import { installMarkerProbe, readMarkers } from '../lib/marker-probe';
import { info, overCount, target, withNote } from '../lib/report';
import { coalescedSchedule, shuffled } from '../lib/schedule';
import { type Summary, summarize } from '../lib/stats';
import {
  MARKER_PATTERN,
  markerFeedTimes,
  markerTokens,
  type StreamRun,
  sentAtFromLog,
  streamRun,
  withMarkers,
} from '../lib/stream-metrics';
import type { Scenario } from './scenario';

/**
 * Scenario 1: a ~100 KB markdown answer streamed at 2,000 tokens/s, two ways.
 *
 * - Same cadence: on a bench-only page, streamdown (with its code and math plugins and its
 *   styles), react-markdown re-rendering the whole message, and the app's own Markdown
 *   component are fed the same recorded events (the host's coalesced deltas, one per 24 ms)
 *   at the same times, one state update per event.
 * - Product: the app as shipped (demo → host → WebSocket → store → React, with its own
 *   batching) against the peers as they would ship (one update per event they receive: the
 *   same runs as above).
 *
 * Every renderer gets a short warm-up stream (code and math) in the same page just before
 * the measured one, and the order of the renderers is shuffled per run (seeded, recorded).
 * Marker words in the answer's prose give each renderer's staleness: a marker sent → painted.
 */

export const STREAM_TOKENS_PER_SEC = 2_000;
const SENTINEL = 'Zqxjvwk';
const WARM_SENTINEL = 'Wqvjzk';
export const PEERS = ['streamdown', 'react-markdown', 'ours'] as const;
export type Peer = (typeof PEERS)[number];
type Renderer = 'app' | Peer;
const RENDERERS: readonly Renderer[] = ['app', ...PEERS];
/** The seed of run r's renderer order is ORDER_SEED + r. */
const ORDER_SEED = 19_000;

/** The answer every renderer gets (without markers: the throughput scenario's body). */
export function streamingAnswer(): string {
  return benchmarkAnswer(100_000, SENTINEL);
}

/** The answer with its marker words, and the markers in order. */
export function markedStreamingAnswer(): { text: string; markers: string[] } {
  return withMarkers(streamingAnswer());
}

/** A short answer with code, a table and math, streamed before every measured one. */
export const WARM_UP_ANSWER = [
  '## Warm-up',
  'A short answer with `code`, a [link](https://docs.example.com) and inline math $$e^{i\\pi}+1=0$$ here.',
  '```ts\nconst x = await serve({ name: "warm", maxTokens: 64 });\nconsole.log(x);\n```',
  '| a | b |\n| --- | ---: |\n| one | 1 |',
  '$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$',
  `- one\n- two\n\nDone. ${WARM_SENTINEL}`,
].join('\n\n');

/** Watches for `word` and records frames and updates until it is on screen. */
function observe(page: Page, word = SENTINEL) {
  return page.evaluate((sentinel) => {
    const probes = window.__bench;
    probes.startRecording();
    return probes
      .watchText(sentinel, 'bench:last')
      .then((lastSeenAt) => ({ lastSeenAt, ...probes.stopRecording() }));
  }, word);
}

/** Keeps tracing after the last token until the main thread has been quiet a while. */
const IDLE_TAIL_MS = 400;

/** What the app's run adds: the host process's CPU time. */
export interface AppRun extends StreamRun {
  /** Host process CPU (user + system) from just before Send to the end of the window, ms. */
  hostCpuMs: number;
  /** What was added to the demo's send times to put them on the page's clock (measured), ms. */
  clockOffsetMs: number;
}

async function appAsk(app: AppSession, text: string): Promise<void> {
  await app.configureDemo({ responseText: text, tokensPerSec: STREAM_TOKENS_PER_SEC, ttftMs: 200 });
  await app.page.getByRole('button', { name: 'New conversation' }).click();
  await app.page.getByLabel('Message', { exact: true }).fill('Write the long benchmark answer.');
}

/** One streamed answer in the app, after a warm-up answer in the same page. */
export async function appStreamRun(
  browser: Browser,
  app: AppSession,
  answer: { text: string; markers: string[] },
): Promise<AppRun> {
  const page = app.page;
  await appAsk(app, WARM_UP_ANSWER);
  await page.getByRole('button', { name: 'Send' }).click();
  await answerDone(page);
  await appAsk(app, answer.text);
  await settle(page);
  await page.evaluate(installMarkerProbe, MARKER_PATTERN);
  // The demo stamps its sends on its own clock: measured against the page's, then converted.
  const clock = await pageDemoOffset(page, await app.host.demoUrl());
  const before = await app.stats();
  const { result, trace } = await traced(browser, page, async () => {
    const seen = observe(page);
    await page.getByRole('button', { name: 'Send' }).click();
    const observed = await seen;
    await settle(page, IDLE_TAIL_MS);
    return observed;
  });
  await answerDone(page);
  const after = await app.stats();
  const painted = await page.evaluate(readMarkers);
  const stream = after.streams.at(-1);
  if (!stream?.firstTokenAt || !stream.lastTokenAt) throw new Error('the demo recorded no finished stream');
  const sends = stream.sends ?? [];
  const tokens = markerTokens(answer.text, answer.markers);
  const markersSent = Object.fromEntries(
    answer.markers.map((m) => [m, sentAtFromLog(sends, tokens[m] ?? Number.NaN) + clock.demoToPageMs]),
  );
  const cpu = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  return {
    ...streamRun({
      trace,
      firstSentAt: stream.firstTokenAt + clock.demoToPageMs,
      lastSentAt: stream.lastTokenAt + clock.demoToPageMs,
      markersSent,
      markersPainted: painted,
      ...result,
    }),
    hostCpuMs: cpu(after.cpu) - cpu(before.cpu),
    clockOffsetMs: clock.demoToPageMs,
  };
}

/** Feeds `events` to the page and waits until `word` is on screen. */
async function feed(page: Page, events: ReturnType<typeof coalescedSchedule>, word: string) {
  const seen = page.evaluate((w) => window.__bench.watchText(w, 'bench:warm'), word);
  await page.evaluate((list) => window.__benchFeed(list), events);
  await seen;
}

/** One streamed answer on the peer page with `peer` rendering it, after a warm-up answer. */
export async function peerStreamRun(
  browser: Browser,
  pageUrl: string,
  peer: Peer,
  answer: { text: string; markers: string[] },
): Promise<StreamRun> {
  const { context, page } = await newProbedPage(browser);
  try {
    await page.goto(`${pageUrl}?renderer=${peer}`);
    await page.getByTestId('bench-answer').waitFor();
    await feed(page, coalescedSchedule(WARM_UP_ANSWER, STREAM_TOKENS_PER_SEC), WARM_SENTINEL);
    await settle(page);
    await page.evaluate(() => window.__benchReset());
    await settle(page);
    await page.evaluate(installMarkerProbe, MARKER_PATTERN);
    const events = coalescedSchedule(answer.text, STREAM_TOKENS_PER_SEC);
    const lastT = events.at(-1)?.t ?? 0;
    const { result, trace } = await traced(browser, page, async () => {
      const seen = observe(page);
      const lastSentAt = await page.evaluate((list) => window.__benchFeed(list), events);
      const observed = await seen;
      await settle(page, IDLE_TAIL_MS);
      return { ...observed, lastSentAt };
    });
    const painted = await page.evaluate(readMarkers);
    const firstSentAt = result.lastSentAt - lastT;
    const due = markerFeedTimes(events, answer.markers);
    const markersSent = Object.fromEntries(
      answer.markers.map((m) => [m, firstSentAt + (due[m] ?? Number.NaN)]),
    );
    return streamRun({ trace, firstSentAt, markersSent, markersPainted: painted, ...result });
  } finally {
    await context.close();
  }
}

/** Facts about the answer, for the report. */
export function answerFacts(answer: { text: string; markers: string[] }) {
  return {
    bytes: Buffer.byteLength(answer.text),
    tokens: tokenCount(answer.text),
    codeBlocks: (answer.text.match(/^```\w+$/gm) ?? []).length,
    tables: (answer.text.match(/^\| --- /gm) ?? []).length,
    markers: answer.markers.length,
    tokensPerSec: STREAM_TOKENS_PER_SEC,
  };
}

/** Installed versions of the peers, for the report (read from their package.json). */
function peerVersions(): Record<string, string> {
  const root = resolve(import.meta.dirname, '../../..');
  const version = (name: string) =>
    (
      JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  return Object.fromEntries(
    ['streamdown', '@streamdown/code', '@streamdown/math', 'katex', 'shiki', 'react-markdown'].map((n) => [
      n,
      version(n),
    ]),
  );
}

const RENDERER_LABELS: Record<Renderer, string> = {
  app: 'Serving Studio (the app, whole path)',
  ours: "the app's Markdown component",
  streamdown: 'streamdown + code + math plugins',
  'react-markdown': 'react-markdown, whole message per update',
};
const CADENCE: Record<Renderer, 'product' | 'same cadence' | 'both'> = {
  app: 'product',
  ours: 'same cadence',
  streamdown: 'both',
  'react-markdown': 'both',
};

/** Per-run ratios of main-thread CPU, paired by run. */
const pairedRatio = (a: readonly StreamRun[], b: readonly StreamRun[]) =>
  summarize(a.map((run, i) => run.busyMs / (b[i]?.busyMs ?? Number.NaN)));

/** Scenario 1 for `npm run bench`. */
export const streamingScenario: Scenario = {
  name: 'streaming',
  title:
    'a ~100 KB markdown answer at 2,000 tokens/s: same cadence and product, against streamdown and react-markdown',
  async run({ browser, app, runs, peerUrl, results, log }) {
    const answer = markedStreamingAnswer();
    const byRenderer = new Map<Renderer, StreamRun[]>(RENDERERS.map((name) => [name, []]));
    const hostCpuMs: number[] = [];
    const orders: { seed: number; order: Renderer[] }[] = [];
    for (let r = 1; r <= runs; r++) {
      // A fresh order each run (seeded), so neither warmth nor a slow moment favours one renderer.
      const seed = ORDER_SEED + r;
      const order = shuffled(RENDERERS, seed);
      orders.push({ seed, order });
      for (const name of order) {
        if (name === 'app') {
          const run = await appStreamRun(browser, app, answer);
          hostCpuMs.push(run.hostCpuMs);
          const { hostCpuMs: _host, ...page } = run;
          byRenderer.get('app')?.push(page);
        } else byRenderer.get(name)?.push(await peerStreamRun(browser, peerUrl, name, answer));
      }
      log(
        `run ${r}/${runs} (${order.join(' → ')}): ${RENDERERS.map((n) => {
          const last = byRenderer.get(n)?.at(-1);
          return `${n} ${Math.round(last?.busyMs ?? 0)} ms busy, stale p95 ${Math.round(last?.staleP95Ms ?? 0)} ms`;
        }).join('; ')}; host ${Math.round(hostCpuMs.at(-1) ?? 0)} ms`,
      );
    }
    const list = (name: Renderer) => byRenderer.get(name) ?? [];
    const figures = Object.fromEntries(
      RENDERERS.map((name) => [
        name,
        Object.fromEntries(
          (Object.keys(list(name)[0] as StreamRun) as (keyof StreamRun)[]).map((key) => [
            key,
            summarize(list(name).map((x) => x[key])),
          ]),
        ) as Record<keyof StreamRun, Summary>,
      ]),
    ) as Record<Renderer, Record<keyof StreamRun, Summary>>;
    results.renderers = (['app', 'ours', 'streamdown', 'react-markdown'] as const).map((name) => {
      const f = figures[name];
      return {
        renderer: RENDERER_LABELS[name],
        cadence: CADENCE[name],
        busyMs: f.busyMs,
        updatesPerSec: f.updatesPerSec,
        staleP50Ms: f.staleP50Ms,
        staleP95Ms: f.staleP95Ms,
        staleMaxMs: f.staleMaxMs,
        longestTaskMs: f.longestTaskMs,
        framesOver50: f.framesOver50,
        updateGrowth: f.updateGrowth,
        drainMs: f.drainMs,
      };
    });
    const product = pairedRatio(list('app'), list('streamdown'));
    const sameCadence = pairedRatio(list('ours'), list('streamdown'));
    results.ratios = {
      'product: app / streamdown': product.median,
      'product: app / react-markdown': pairedRatio(list('app'), list('react-markdown')).median,
      'same cadence: Markdown component / streamdown': sameCadence.median,
      'same cadence: Markdown component / react-markdown': pairedRatio(list('ours'), list('react-markdown'))
        .median,
    };
    const ours = figures.app;
    const appRuns = list('app');
    results.targets.push(
      withNote(
        target(
          'stream-longest-task',
          '1 · Longest main-thread task while streaming (the app)',
          ours.longestTaskMs,
          50,
          'ms',
          'lower',
          'worst',
        ),
        `${overCount(
          appRuns.map((x) => x.tasksOver50),
          'tasks',
        )}; ${overCount(
          appRuns.map((x) => x.framesOver50),
          'frames',
        )}`,
      ),
      target(
        'stream-same-cadence-vs-streamdown',
        '1 · Same cadence: main-thread CPU, Markdown component / streamdown',
        sameCadence,
        0.4,
        '×',
      ),
      target('stream-vs-streamdown', '1 · Product: main-thread CPU, app / streamdown', product, 0.3, '×'),
      target(
        'stream-staleness-p95',
        '1 · Product: the app, marker sent → painted, p95',
        ours.staleP95Ms,
        60,
        'ms',
      ),
      target(
        'stream-update-growth',
        '1 · Update cost, last 10 % / first 10 % (flat = 1)',
        ours.updateGrowth,
        1.5,
        '×',
      ),
      target('stream-drain', '1 · Drain: last token sent → on screen', ours.drainMs, 100, 'ms'),
      info(
        'stream-host-cpu',
        '1 · Host process CPU per app run (the demo’s own sending included)',
        summarize(hostCpuMs),
        'ms',
      ),
    );
    results.scenarios.streaming = {
      method:
        'CPU window: first token sent → main thread idle (100 ms with no task ≥ 3 ms) after the last token is on screen. Staleness: each marker word (one token, at the end of each prose paragraph and list (58, one per ~1.8 KB)) from its send (app: the demo wrote it; peers: its event was due) to the animation frame after it entered the DOM. Every renderer streams a short warm-up answer (code, table, math) in the same page first; the order is shuffled per run.',
      versions: peerVersions(),
      answer: answerFacts(answer),
      orders,
      hostCpuMs: summarize(hostCpuMs),
      runs: Object.fromEntries(byRenderer),
      figures,
    };
  },
};
