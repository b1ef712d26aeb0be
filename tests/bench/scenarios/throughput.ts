import type { Browser, Page } from '@playwright/test';
import { answerOfTokens, tokenCount } from '../lib/answer';
import { type AppSession, answerDone } from '../lib/app';
import { settle, traced } from '../lib/browser';
import { type PageDemoOffset, pageDemoOffset } from '../lib/clock';
import { achievedRate, lagP95, type Marker, markerLags, withMarkers } from '../lib/markers';
import { frameGaps } from '../lib/probes';
import { info, overCount, target, withNote } from '../lib/report';
import { summarize } from '../lib/stats';
import { countOver, longestBetween } from '../lib/trace';
import type { Scenario } from './scenario';
import { streamingAnswer } from './streaming';

/**
 * Scenario 3: the highest token rate the app displays without falling behind. The rate ramps
 * up (500 tokens/s and on, past 20,000) until a step falls behind. At each step the demo
 * streams ~1.5 s of tokens; marker words (one token each) are spread through the answer, and
 * each marker's lag is the time it is painted minus the time the demo's schedule sends it
 * (its first token's send time + index / rate). A step keeps up when the markers' lag p95 is
 * ≤ 100 ms. A step is valid only if the demo actually sent at (≥ 90 % of) the rate: its
 * achieved rate is tokens over the time from its first token written to its last. Each step
 * also reports the main-thread tasks and frames over 50 ms while it streamed (from a Chromium
 * trace and an rAF loop). The knee is the highest valid rate kept up with (every lower step
 * kept up too). Once for one chat stream, once for four and for six compare panes streaming at
 * once (each at the step's rate; a step keeps up when every pane does).
 */

export const RAMP = [
  500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 50_000, 75_000, 100_000, 150_000, 200_000,
];
export const BEHIND_MS = 100;
/** The demo must send at least this share of the step's rate for the step to count. */
export const RATE_SHARE = 0.9;
const STEP_SECONDS = 1.5;
/** Markers per step: p95 of 40 is the second-worst marker. */
const MARKERS = 40;
/** Longest answer per step: the chat endpoint's window is 131,072 tokens. */
const MAX_STEP_TOKENS = 100_000;
/** Longest answer per compare step: two of the panes' endpoints have 32,768-token windows. */
const MAX_PANE_TOKENS = 28_000;
export const COMPARE_ENDPOINTS = [
  'databricks-meta-llama-3-1-70b-instruct',
  'databricks-dbrx-instruct',
  'databricks-mixtral-8x7b-instruct',
  'databricks-meta-llama-3-1-405b-instruct',
];
/** Compare allows six panes; these are the demo's six plain (non-reasoning) chat endpoints. */
export const COMPARE_6_ENDPOINTS = [
  ...COMPARE_ENDPOINTS,
  'databricks-meta-llama-3-3-70b-instruct',
  'databricks-llama-4-maverick',
];

/** One stream of a step (one pane in Compare). */
export interface StepStream {
  endpoint: string;
  /** Markers' lag against the schedule, ms: p95 and max (Infinity if one never showed). */
  lagP95Ms: number;
  lagMaxMs: number;
  /** Last token painted − its scheduled send time (the old "drain" figure). */
  lastLagMs: number;
  /** What the demo achieved, tokens/s. */
  achievedTokensPerSec: number;
  tokens: number;
  /** Every marker's lag, ms (0.1 ms), in answer order; null for one never painted. */
  lagsMs: (number | null)[];
}

/** One ramp step. */
export interface RampStep {
  tokensPerSec: number;
  streams: StepStream[];
  /** Every stream sent at ≥ RATE_SHARE of the rate. */
  valid: boolean;
  /** Every stream's lag p95 ≤ BEHIND_MS. */
  keptUp: boolean;
  /** The worst stream's lag p95. */
  lagP95Ms: number;
  longTasks: number;
  longestTaskMs: number;
  longestFrameMs: number;
  framesOver50: number;
  /** The page − demo clock offset used for the demo's send times (measured before the step). */
  clock: PageDemoOffset;
}

/** The result of a ramp: every step run, and the knee (highest valid rate kept up with, 0 if none). */
export interface Ramp {
  steps: RampStep[];
  highest: number;
  /** Why the ramp stopped. */
  stoppedBy: 'fell behind' | 'rate not achieved' | 'end of ramp';
}

/** The step's answer: ~STEP_SECONDS of tokens with markers, the last token a sentinel. */
function stepAnswer(body: string, tokensPerSec: number, step: number, cap: number) {
  const tokens = Math.min(cap, Math.max(1_000, Math.round(tokensPerSec * STEP_SECONDS)));
  const sentinel = `Zqrmp${String.fromCharCode(97 + step)}`;
  const { text, markers } = withMarkers(answerOfTokens(body, tokens, sentinel), MARKERS, step);
  // The sentinel is the last marker: its lag is the old "drain" of the last token.
  const all: Marker[] = [...markers, { word: sentinel, token: tokenCount(text) - 1 }];
  return { text, markers: all };
}

/** The knee of a list of steps run in order. */
export function kneeOf(steps: readonly RampStep[]): Pick<Ramp, 'highest' | 'stoppedBy'> {
  let highest = 0;
  for (const step of steps) {
    if (!step.valid) return { highest, stoppedBy: 'rate not achieved' };
    if (!step.keptUp) return { highest, stoppedBy: 'fell behind' };
    highest = step.tokensPerSec;
  }
  return { highest, stoppedBy: 'end of ramp' };
}

interface Surface {
  /** Prepares a fresh conversation / comparison and types the prompt. */
  prepare(page: Page, tokensPerSec: number): Promise<void>;
  send(page: Page): Promise<void>;
  done(page: Page): Promise<void>;
  /** Endpoints streaming at once, and the root each one's text is watched in. */
  panes: { endpoint: string; root?: string }[];
  cap: number;
}

/** Runs one step on a surface: streams, watches every marker in every pane, traces. */
async function runStep(
  browser: Browser,
  app: AppSession,
  surface: Surface,
  body: string,
  tokensPerSec: number,
  step: number,
): Promise<RampStep> {
  const page = app.page;
  const { text, markers } = stepAnswer(body, tokensPerSec, step, surface.cap);
  await app.configureDemo({ responseText: text, tokensPerSec, ttftMs: 100 });
  await surface.prepare(page, tokensPerSec);
  // The demo stamps its sends on its own clock: measured against the page's before each step.
  const clock = await pageDemoOffset(page, await app.host.demoUrl());
  await settle(page, 100);
  const { result, trace } = await traced(browser, page, async () => {
    await page.evaluate(() => window.__bench.startRecording());
    const seen = page.evaluate(
      ([words, roots]) =>
        Promise.all(roots.map((root) => window.__bench.watchWordsPainted(words, root ?? undefined))),
      [markers.map((m) => m.word), surface.panes.map((p) => p.root ?? null)] as const,
    );
    await surface.send(page);
    const painted = await seen;
    const endAt = await page.evaluate(() => window.__bench.mark('bench:step-end'));
    const { frames } = await page.evaluate(() => window.__bench.stopRecording());
    return { painted, endAt, frames };
  });
  await surface.done(page);
  const recent = (await app.streams()).slice(-surface.panes.length);
  const streams = surface.panes.map((pane, i): StepStream => {
    const stream = recent.find((s) => s.endpoint === pane.endpoint);
    if (!stream?.firstTokenAt) throw new Error(`the demo recorded no stream for ${pane.endpoint}`);
    const firstSentAt = stream.firstTokenAt + clock.demoToPageMs;
    const lags = markerLags(markers, result.painted[i] ?? [], firstSentAt, tokensPerSec);
    const finite = lags.filter(Number.isFinite);
    return {
      endpoint: pane.endpoint,
      lagP95Ms: lagP95(lags),
      lagMaxMs: finite.length === lags.length ? Math.max(...lags) : Number.POSITIVE_INFINITY,
      lastLagMs: lags.at(-1) ?? Number.NaN,
      achievedTokensPerSec: achievedRate(stream.tokens, stream.firstTokenAt, stream.lastTokenAt),
      tokens: stream.tokens,
      lagsMs: lags.map((lag) => (Number.isFinite(lag) ? Math.round(lag * 10) / 10 : null)),
    };
  });
  // The step's window: from the first token sent to the last marker painted, in trace time.
  const offset = (trace.marks.get('bench:step-end') as number) - result.endAt;
  const from =
    Math.min(...recent.map((s) => s.firstTokenAt ?? Number.POSITIVE_INFINITY)) + clock.demoToPageMs;
  const to = result.endAt;
  const gaps = frameGaps(result.frames.filter((f) => f >= from && f <= to));
  const worst = Math.max(...streams.map((s) => s.lagP95Ms));
  return {
    tokensPerSec,
    streams,
    valid: streams.every((s) => s.achievedTokensPerSec >= RATE_SHARE * tokensPerSec),
    keptUp: worst <= BEHIND_MS,
    lagP95Ms: worst,
    longTasks: countOver(trace.tasks, from + offset, to + offset, 50),
    longestTaskMs: longestBetween(trace.tasks, from + offset, to + offset),
    longestFrameMs: gaps.length > 0 ? Math.max(...gaps) : Number.NaN,
    framesOver50: gaps.filter((g) => g > 50).length,
    clock,
  };
}

/** Runs the ramp on a surface until a step falls behind or the demo can't keep the rate. */
async function ramp(
  browser: Browser,
  app: AppSession,
  surface: Surface,
  body: string,
  log: (message: string) => void,
): Promise<Ramp> {
  const steps: RampStep[] = [];
  for (const [step, tokensPerSec] of RAMP.entries()) {
    const result = await runStep(browser, app, surface, body, tokensPerSec, step);
    steps.push(result);
    const achieved = Math.min(...result.streams.map((s) => s.achievedTokensPerSec));
    log(
      `  ${surface.panes.length} stream(s) at ${tokensPerSec} tokens/s: lag p95 ${Math.round(result.lagP95Ms)} ms, sent at ${Math.round(achieved)} tokens/s, ${result.longTasks} tasks > 50 ms (longest ${Math.round(result.longestTaskMs)} ms), longest frame ${Math.round(result.longestFrameMs)} ms`,
    );
    if (!result.valid || !result.keptUp) break;
  }
  return { steps, ...kneeOf(steps) };
}

const chatSurface: Surface = {
  async prepare(page, tokensPerSec) {
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByLabel('Message', { exact: true }).fill(`Stream at ${tokensPerSec} tokens per second.`);
  },
  send: (page) => page.getByRole('button', { name: 'Send' }).click(),
  done: (page) => answerDone(page),
  panes: [{ endpoint: 'databricks-meta-llama-3-1-70b-instruct' }],
  cap: MAX_STEP_TOKENS,
};

/** Compare with one pane per endpoint; each pane's text is watched inside that pane. */
function compareSurface(endpoints: readonly string[]): Surface {
  return {
    async prepare(page, tokensPerSec) {
      // A fresh comparison per step: earlier answers would otherwise fill the 32k windows.
      await page.getByRole('button', { name: 'New comparison' }).click();
      await page
        .getByLabel('Message', { exact: true })
        .fill(`All panes at ${tokensPerSec} tokens per second.`);
    },
    send: (page) => page.getByRole('button', { name: 'Send to all' }).click(),
    done: (page) => page.getByRole('button', { name: 'Send to all' }).waitFor({ timeout: 120_000 }),
    panes: endpoints.map((endpoint) => ({
      endpoint,
      root: `[data-testid="compare-pane"][data-endpoint="${endpoint}"]`,
    })),
    cap: MAX_PANE_TOKENS,
  };
}

/** Opens Compare with one pane per endpoint. */
async function openPanes(page: Page, endpoints: readonly string[]): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  const panes = page.getByTestId('compare-pane');
  await panes.first().waitFor();
  while ((await panes.count()) < endpoints.length)
    await page.getByRole('button', { name: 'Add pane' }).click();
  while ((await panes.count()) > endpoints.length)
    await page
      .getByRole('button', { name: /^Remove pane/ })
      .last()
      // From the keyboard: with six panes the last one's header sits under the composer.
      .press('Enter');
  for (const [i, name] of endpoints.entries())
    await page.getByLabel(`Endpoint for pane ${i + 1}`, { exact: true }).selectOption(name);
}

/** The ramp for one chat stream. */
export const singleStreamRamp = (browser: Browser, app: AppSession, body: string, log: (m: string) => void) =>
  ramp(browser, app, chatSurface, body, log);

/** The ramp for compare panes streaming at once; a step keeps up when every pane does. */
export async function comparePanesRamp(
  browser: Browser,
  app: AppSession,
  body: string,
  endpoints: readonly string[],
  log: (m: string) => void,
): Promise<Ramp> {
  await openPanes(app.page, endpoints);
  const result = await ramp(browser, app, compareSurface(endpoints), body, log);
  await app.page.getByRole('navigation').getByRole('button', { name: 'Chat', exact: true }).click();
  return result;
}

/** Tasks over 50 ms in a run's steps up to and including its first failing one. */
const longTasksOf = (r: Ramp) => r.steps.reduce((sum, s) => sum + s.longTasks, 0);

/** Scenario 3 for `npm run bench`. */
export const throughputScenario: Scenario = {
  name: 'throughput',
  title: `the highest token rate shown without falling behind (token lag p95 ≤ ${BEHIND_MS} ms; ramp ${RAMP[0]} → ${RAMP.at(-1)} tokens/s), one stream, four and six compare panes`,
  async run({ browser, app, runs, results, log }) {
    const body = streamingAnswer();
    const single: Ramp[] = [];
    const compare: Ramp[] = [];
    const compare6: Ramp[] = [];
    for (let r = 1; r <= runs; r++) {
      single.push(await singleStreamRamp(browser, app, body, log));
      compare.push(await comparePanesRamp(browser, app, body, COMPARE_ENDPOINTS, log));
      compare6.push(await comparePanesRamp(browser, app, body, COMPARE_6_ENDPOINTS, log));
      log(
        `run ${r}/${runs}: knee one stream ${single.at(-1)?.highest} tokens/s (${single.at(-1)?.stoppedBy}), four panes ${compare.at(-1)?.highest}, six panes ${compare6.at(-1)?.highest} tokens/s each`,
      );
    }
    const highest = (list: Ramp[]) => summarize(list.map((x) => x.highest));
    const stops = (list: Ramp[]) => `stopped by: ${list.map((x) => x.stoppedBy).join(', ')}`;
    results.targets.push(
      withNote(
        target(
          'throughput-single',
          '3 · One stream, highest rate kept up with (token lag p95 ≤ 100 ms)',
          highest(single),
          5_000,
          'tokens/s',
          'higher',
        ),
        stops(single),
      ),
      withNote(
        target(
          'throughput-knee',
          '3 · One stream, knee: highest rate with token lag p95 ≤ 100 ms (ramp past 20,000)',
          highest(single),
          20_000,
          'tokens/s',
          'higher',
        ),
        `${stops(single)}; ${overCount(single.map(longTasksOf), 'tasks')}`,
      ),
      withNote(
        info(
          'throughput-compare',
          '3 · Four compare panes at once, highest rate per pane (every pane lag p95 ≤ 100 ms)',
          highest(compare),
          'tokens/s',
        ),
        stops(compare),
      ),
      withNote(
        target(
          'throughput-compare-6',
          '3 · Six compare panes at once, highest rate per pane (every pane lag p95 ≤ 100 ms)',
          highest(compare6),
          5_000,
          'tokens/s',
          'higher',
          'worst',
        ),
        `${stops(compare6)}; ${overCount(compare6.map(longTasksOf), 'tasks')}`,
      ),
    );
    results.scenarios.throughput = {
      behindMs: BEHIND_MS,
      rateShare: RATE_SHARE,
      markersPerStep: MARKERS,
      method:
        'lag = marker painted (rAF after the DOM change, page clock) − (demo first token written + token index / rate, host clock); both epoch ms from performance.timeOrigin + now() on one machine',
      single,
      compare,
      compare6,
    };
  },
};
