import type { Browser } from '@playwright/test';
import { benchmarkAnswer } from '../lib/answer';
import { type AppSession, answerDone, CHAT_ENDPOINT } from '../lib/app';
import { settle, traced } from '../lib/browser';
import { target } from '../lib/report';
import { summarize } from '../lib/stats';
import { busyBetween } from '../lib/trace';
import type { Scenario } from './scenario';

/**
 * A reasoning model's answer against the same text as a plain answer: 50 KB of reasoning then a
 * 50 KB answer at 2,000 tokens/s (a reasoning endpoint, the demo's `reasoningText`), and the
 * same 100 KB as one plain answer at the same rate (a plain endpoint). Both through the whole
 * app; the figure is the main thread's CPU from the click to the last token on screen and the
 * page idle again, reasoning / plain. Runs alternate which goes first.
 */

const REASONING_ENDPOINT = 'databricks-gpt-oss-120b';
const RATE = 2_000;
const SENTINEL = 'Zqrsnend';

interface ReasoningRun {
  reasoningMs: number;
  plainMs: number;
  ratio: number;
}

/** One answer in the app: main-thread CPU ms from the click until idle after the sentinel. */
async function cpuOfAnswer(
  browser: Browser,
  app: AppSession,
  endpoint: string,
  answer: string,
  reasoning: string | null,
): Promise<number> {
  const page = app.page;
  await app.configureDemo({
    responseText: answer,
    reasoningText: reasoning,
    tokensPerSec: RATE,
    ttftMs: 100,
  });
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Endpoint').selectOption(endpoint);
  await page.getByLabel('Message', { exact: true }).fill('Think it through, then answer at length.');
  await settle(page);
  const { result, trace } = await traced(browser, page, async () => {
    const seen = page.evaluate((word) => window.__bench.watchText(word, 'bench:last'), SENTINEL);
    await page.getByRole('button', { name: 'Send' }).click();
    const lastSeenAt = await seen;
    await answerDone(page);
    await settle(page, 200);
    const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
    const idleAt = await page.evaluate(() => window.__bench.now());
    return { lastSeenAt, clickedAt, idleAt };
  });
  if (Number.isNaN(result.lastSeenAt)) throw new Error(`the answer's last word never showed (${endpoint})`);
  const offset = (trace.marks.get('bench:last') as number) - result.lastSeenAt;
  // The settle's own 200 ms of quiet heartbeats is left out: up to the idle point, minus it.
  return busyBetween(trace.tasks, result.clickedAt + offset, result.idleAt - 200 + offset);
}

/** The reasoning-stream row for `npm run bench`. */
export const reasoningScenario: Scenario = {
  name: 'reasoning',
  title:
    '50 KB of reasoning then a 50 KB answer, against the same 100 KB as a plain answer, at 2,000 tokens/s',
  async run({ browser, app, runs, results, log }) {
    const thinking = benchmarkAnswer(50_000, 'Zqthinks', 3);
    const answer = benchmarkAnswer(50_000, SENTINEL, 5);
    const plain = `${thinking}\n\n${answer}`;
    const list: ReasoningRun[] = [];
    try {
      for (let r = 1; r <= runs; r++) {
        const reasoningFirst = r % 2 === 1;
        const one = () => cpuOfAnswer(browser, app, REASONING_ENDPOINT, answer, thinking);
        const two = () => cpuOfAnswer(browser, app, CHAT_ENDPOINT, plain, null);
        const reasoningMs = reasoningFirst ? await one() : Number.NaN;
        const plainMs = await two();
        const measured = reasoningFirst ? reasoningMs : await one();
        list.push({ reasoningMs: measured, plainMs, ratio: measured / plainMs });
        log(`run ${r}/${runs}: reasoning ${Math.round(measured)} ms, plain ${Math.round(plainMs)} ms`);
      }
    } finally {
      await app.configureDemo({ reasoningText: null, responseText: null });
      await app.page.getByLabel('Endpoint').selectOption(CHAT_ENDPOINT);
    }
    const of = (key: keyof ReasoningRun) => summarize(list.map((x) => x[key]));
    results.targets.push(
      target(
        'reasoning-stream',
        '7 · Reasoning then answer / the same text as a plain answer, main-thread CPU',
        of('ratio'),
        1.1,
        '×',
      ),
    );
    results.scenarios.reasoning = {
      endpoints: { reasoning: REASONING_ENDPOINT, plain: CHAT_ENDPOINT },
      bytes: { reasoning: Buffer.byteLength(thinking), answer: Buffer.byteLength(answer) },
      tokensPerSec: RATE,
      reasoningMs: of('reasoningMs'),
      plainMs: of('plainMs'),
      runs: list,
    };
  },
};
