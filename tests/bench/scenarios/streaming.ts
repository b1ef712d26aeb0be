import type { Browser, Page } from '@playwright/test';
import { benchmarkAnswer, tokenCount } from '../lib/answer';
import { type AppSession, answerDone } from '../lib/app';
import { newProbedPage, settle, traced } from '../lib/browser';
import { target } from '../lib/report';
import { coalescedSchedule } from '../lib/schedule';
import { type Summary, summarize } from '../lib/stats';
import { type StreamRun, streamRun } from '../lib/stream-metrics';
import type { Scenario } from './scenario';

/**
 * Scenario 1: a ~100 KB markdown answer streamed at 2,000 tokens/s, rendered by the app (the
 * whole path: demo → host → WebSocket → store → React) and, in a bench-only page fed the same
 * events at the same times, by streamdown, by react-markdown re-rendering the whole message on
 * every update, and by the app's own Markdown component (a control).
 */

export const STREAM_TOKENS_PER_SEC = 2_000;
const SENTINEL = 'Zqxjvwk';
export const PEERS = ['streamdown', 'react-markdown', 'ours'] as const;
export type Peer = (typeof PEERS)[number];

/** The answer every renderer gets. */
export function streamingAnswer(): string {
  return benchmarkAnswer(100_000, SENTINEL);
}

/** Watches for the sentinel and records frames and updates until it is on screen. */
function observe(page: Page) {
  return page.evaluate((word) => {
    const probes = window.__bench;
    probes.startRecording();
    return probes
      .watchText(word, 'bench:last')
      .then((lastSeenAt) => ({ lastSeenAt, ...probes.stopRecording() }));
  }, SENTINEL);
}

/** One streamed answer in the app. */
export async function appStreamRun(browser: Browser, app: AppSession, answer: string): Promise<StreamRun> {
  const page = app.page;
  await app.configureDemo({ responseText: answer, tokensPerSec: STREAM_TOKENS_PER_SEC, ttftMs: 200 });
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Message', { exact: true }).fill('Write the long benchmark answer.');
  await settle(page);
  const { result, trace } = await traced(browser, page, async () => {
    const seen = observe(page);
    await page.getByRole('button', { name: 'Send' }).click();
    return seen;
  });
  await answerDone(page);
  const stream = (await app.streams()).at(-1);
  if (!stream?.firstTokenAt || !stream.lastTokenAt) throw new Error('the demo recorded no finished stream');
  return streamRun({ trace, firstSentAt: stream.firstTokenAt, lastSentAt: stream.lastTokenAt, ...result });
}

/** One streamed answer on the peer page with `peer` rendering it. */
export async function peerStreamRun(
  browser: Browser,
  pageUrl: string,
  peer: Peer,
  answer: string,
): Promise<StreamRun> {
  const { context, page } = await newProbedPage(browser);
  try {
    await page.goto(`${pageUrl}?renderer=${peer}`);
    await page.getByTestId('bench-answer').waitFor();
    await settle(page);
    const events = coalescedSchedule(answer, STREAM_TOKENS_PER_SEC);
    const lastT = events.at(-1)?.t ?? 0;
    const { result, trace } = await traced(browser, page, async () => {
      const seen = observe(page);
      const lastSentAt = await page.evaluate((feed) => window.__benchFeed(feed), events);
      return { ...(await seen), lastSentAt };
    });
    return streamRun({ trace, firstSentAt: result.lastSentAt - lastT, ...result });
  } finally {
    await context.close();
  }
}

/** Facts about the answer, for the report. */
export function answerFacts(answer: string) {
  return {
    bytes: Buffer.byteLength(answer),
    tokens: tokenCount(answer),
    codeBlocks: (answer.match(/^```\w+$/gm) ?? []).length,
    tables: (answer.match(/^\| --- /gm) ?? []).length,
    tokensPerSec: STREAM_TOKENS_PER_SEC,
  };
}

const RENDERER_LABELS: Record<'app' | Peer, string> = {
  app: 'Serving Studio (the app)',
  streamdown: 'streamdown',
  'react-markdown': 'react-markdown, whole message per update',
  ours: "the app's Markdown component alone (control)",
};

/** Scenario 1 for `npm run bench`. */
export const streamingScenario: Scenario = {
  name: 'streaming',
  title: 'a ~100 KB markdown answer at 2,000 tokens/s, the app against streamdown and react-markdown',
  async run({ browser, app, runs, peerUrl, results, log }) {
    const answer = streamingAnswer();
    const byRenderer = new Map<'app' | Peer, StreamRun[]>();
    const add = (name: 'app' | Peer, run: StreamRun) =>
      byRenderer.set(name, [...(byRenderer.get(name) ?? []), run]);
    for (let r = 1; r <= runs; r++) {
      // Interleaved, so a slow moment of the machine doesn't fall on one renderer only.
      add('app', await appStreamRun(browser, app, answer));
      for (const peer of PEERS) add(peer, await peerStreamRun(browser, peerUrl, peer, answer));
      log(
        `run ${r}/${runs}: ${[...byRenderer].map(([n, list]) => `${n} ${Math.round(list.at(-1)?.busyMs ?? 0)} ms busy`).join(', ')}`,
      );
    }
    const figures = Object.fromEntries(
      [...byRenderer].map(([name, list]) => [
        name,
        Object.fromEntries(
          (Object.keys(list[0] as StreamRun) as (keyof StreamRun)[]).map((key) => [
            key,
            summarize(list.map((x) => x[key])),
          ]),
        ) as Record<keyof StreamRun, Summary>,
      ]),
    ) as Record<'app' | Peer, Record<keyof StreamRun, Summary>>;
    results.renderers = (['app', ...PEERS] as const).map((name) => ({
      renderer: RENDERER_LABELS[name],
      ...figures[name],
    }));
    const busy = (name: 'app' | Peer) => figures[name].busyMs.median;
    results.ratios = {
      'app / streamdown': busy('app') / busy('streamdown'),
      'app / react-markdown': busy('app') / busy('react-markdown'),
      'Markdown component / streamdown': busy('ours') / busy('streamdown'),
    };
    const ratioRuns = (byRenderer.get('app') ?? []).map(
      (run, i) => run.busyMs / (byRenderer.get('streamdown')?.[i]?.busyMs ?? Number.NaN),
    );
    const ours = figures.app;
    results.targets.push(
      target(
        'stream-longest-task',
        '1 · Longest main-thread task while streaming',
        ours.longestTaskMs,
        50,
        'ms',
        'lower',
        'worst',
      ),
      target('stream-vs-streamdown', '1 · Main-thread CPU, app / streamdown', summarize(ratioRuns), 0.5, '×'),
      target(
        'stream-update-growth',
        '1 · Update cost, last 10 % / first 10 % (flat = 1)',
        ours.updateGrowth,
        1.5,
        '×',
      ),
      target('stream-drain', '1 · Drain: last token sent → on screen', ours.drainMs, 100, 'ms'),
    );
    results.scenarios.streaming = {
      answer: answerFacts(answer),
      runs: Object.fromEntries(byRenderer),
      figures,
    };
  },
};
