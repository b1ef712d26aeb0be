import type { Page } from '@playwright/test';
import { answerOfTokens } from '../lib/answer';
import { type AppSession, answerDone } from '../lib/app';
import { settle } from '../lib/browser';
import { info, target } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Scenario } from './scenario';
import { streamingAnswer } from './streaming';

/**
 * Scenario 3: the highest token rate the app displays without falling behind. The rate ramps
 * up; at each step an answer of ~1.5 s of tokens streams, and the step passes when the last
 * token is on screen within 100 ms of the demo sending it. Once for one chat stream, once for
 * four compare panes streaming at the same time (each at the step's rate).
 */

export const RAMP = [500, 1_000, 2_000, 5_000, 10_000, 20_000];
export const BEHIND_MS = 100;
const STEP_SECONDS = 1.5;
export const COMPARE_ENDPOINTS = [
  'databricks-meta-llama-3-1-70b-instruct',
  'databricks-dbrx-instruct',
  'databricks-mixtral-8x7b-instruct',
  'databricks-meta-llama-3-1-405b-instruct',
];

/** One ramp step: the rate, and the worst drain seen (ms). */
export interface RampStep {
  tokensPerSec: number;
  drainMs: number;
}

/** The result of a ramp: every step run, and the highest rate that kept up (0 if none). */
export interface Ramp {
  steps: RampStep[];
  highest: number;
}

const sentinelFor = (step: number) => `Zqrmp${String.fromCharCode(97 + step)}`;

function stepText(tokensPerSec: number, step: number, body: string): string {
  return answerOfTokens(body, Math.max(1_000, Math.round(tokensPerSec * STEP_SECONDS)), sentinelFor(step));
}

/** Runs the ramp until a step falls behind. `runStep` returns that step's drain in ms. */
async function ramp(runStep: (tokensPerSec: number, step: number) => Promise<number>): Promise<Ramp> {
  const steps: RampStep[] = [];
  let highest = 0;
  for (const [step, tokensPerSec] of RAMP.entries()) {
    const drainMs = await runStep(tokensPerSec, step);
    steps.push({ tokensPerSec, drainMs });
    // NaN (the last token never showed) counts as falling behind.
    if (!(drainMs <= BEHIND_MS)) break;
    highest = tokensPerSec;
  }
  return { steps, highest };
}

/** The ramp for one chat stream. */
export async function singleStreamRamp(app: AppSession, body: string): Promise<Ramp> {
  const page = app.page;
  return ramp(async (tokensPerSec, step) => {
    const sentinel = sentinelFor(step);
    await app.configureDemo({
      responseText: stepText(tokensPerSec, step, body),
      tokensPerSec,
      ttftMs: 100,
    });
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByLabel('Message', { exact: true }).fill(`Stream at ${tokensPerSec} tokens per second.`);
    await settle(page, 100);
    const seen = page.evaluate((word) => window.__bench.watchText(word, 'bench:last'), sentinel);
    await page.getByRole('button', { name: 'Send' }).click();
    const seenAt = await seen;
    await answerDone(page);
    const stream = (await app.streams()).at(-1);
    if (!stream?.lastTokenAt) throw new Error('the demo recorded no finished stream');
    return seenAt - stream.lastTokenAt;
  });
}

/** Opens Compare with four panes on four chat endpoints. */
async function openFourPanes(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  const panes = page.getByTestId('compare-pane');
  await panes.first().waitFor();
  while ((await panes.count()) < COMPARE_ENDPOINTS.length)
    await page.getByRole('button', { name: 'Add pane' }).click();
  for (const [i, name] of COMPARE_ENDPOINTS.entries())
    await page.getByLabel(`Endpoint for pane ${i + 1}`, { exact: true }).selectOption(name);
}

/** The ramp for four compare panes at once; a step's drain is the worst pane's. */
export async function comparePanesRamp(app: AppSession, body: string): Promise<Ramp> {
  const page = app.page;
  await openFourPanes(page);
  const result = await ramp(async (tokensPerSec, step) => {
    const sentinel = sentinelFor(step);
    await app.configureDemo({
      responseText: stepText(tokensPerSec, step, body),
      tokensPerSec,
      ttftMs: 100,
    });
    // A fresh comparison per step: earlier answers would otherwise fill the 32k windows.
    await page.getByRole('button', { name: 'New comparison' }).click();
    await page.getByLabel('Message', { exact: true }).fill(`All panes at ${tokensPerSec} tokens per second.`);
    await settle(page, 100);
    const seen = page.evaluate(
      ([word, endpoints]) =>
        Promise.all(
          endpoints.map((endpoint, i) =>
            window.__bench.watchText(
              word,
              `bench:pane-${i}`,
              `[data-testid="compare-pane"][data-endpoint="${endpoint}"]`,
            ),
          ),
        ),
      [sentinel, COMPARE_ENDPOINTS] as const,
    );
    await page.getByRole('button', { name: 'Send to all' }).click();
    const seenAt = await seen;
    await page.getByRole('button', { name: 'Send to all' }).waitFor({ timeout: 120_000 });
    const streams = (await app.streams()).slice(-COMPARE_ENDPOINTS.length);
    return Math.max(
      ...COMPARE_ENDPOINTS.map((endpoint, i) => {
        const stream = streams.find((s) => s.endpoint === endpoint);
        if (!stream?.lastTokenAt) throw new Error(`the demo recorded no finished stream for ${endpoint}`);
        return (seenAt[i] as number) - stream.lastTokenAt;
      }),
    );
  });
  await page.getByRole('navigation').getByRole('button', { name: 'Chat', exact: true }).click();
  return result;
}

/** Scenario 3 for `npm run bench`. */
export const throughputScenario: Scenario = {
  name: 'throughput',
  title: `the highest token rate shown without falling behind (ramp ${RAMP[0]} → ${RAMP.at(-1)} tokens/s), one stream and four compare panes`,
  async run({ app, runs, results, log }) {
    const body = streamingAnswer();
    const single: Ramp[] = [];
    const compare: Ramp[] = [];
    for (let r = 1; r <= runs; r++) {
      single.push(await singleStreamRamp(app, body));
      compare.push(await comparePanesRamp(app, body));
      log(
        `run ${r}/${runs}: one stream ${single.at(-1)?.highest} tokens/s, four panes ${compare.at(-1)?.highest} tokens/s each`,
      );
    }
    const highest = (list: Ramp[]) => summarize(list.map((x) => x.highest));
    results.targets.push(
      target(
        'throughput-single',
        '3 · One stream, highest rate kept up with',
        highest(single),
        5_000,
        'tokens/s',
        'higher',
      ),
      info(
        'throughput-compare',
        '3 · Four compare panes at once, highest rate per pane',
        highest(compare),
        'tokens/s',
      ),
    );
    results.scenarios.throughput = { behindMs: BEHIND_MS, single, compare };
  },
};
