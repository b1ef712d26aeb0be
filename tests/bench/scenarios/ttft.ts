import type { Page } from '@playwright/test';
import { DEMO_TOKEN } from '../../support/studio-host';
import { type AppSession, answerDone, CHAT_ENDPOINT } from '../lib/app';
import { settle } from '../lib/browser';
import { target } from '../lib/report';
import { percentile, summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Scenario 2: time-to-first-token overhead, each figure read on one clock. The app's sample is
 * the page's own: the user's click (pointerdown) → the first token painted (the animation
 * frame after it reached the DOM). The baseline's is the bench process's own: a plain `fetch`
 * of the same stream, request sent → the first token read. Both wait out the demo's same
 * 100 ms TTFT, so their difference is the app's overhead, and no timestamp from one process is
 * ever subtracted from another's. Samples are paired and interleaved (app, fetch, app, …), and
 * the overhead's p50 and p95 are those of the per-pair differences.
 */

export const TTFT_REQUESTS = 30;

/** A first word that is one token and never appeared before in the page. */
const firstWord = (i: number) => `Kq${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}xvz`;
const answerFor = (word: string) =>
  `${word} opens this short answer, which then goes on for a few more words.`;
const DEMO_PACE = { ttftMs: 100, tokensPerSec: 200 };

/** One app sample (page clock): the click on Send → the first token painted. */
export async function appTtftOnce(app: AppSession, i: number): Promise<number> {
  const page: Page = app.page;
  const word = firstWord(i);
  await app.configureDemo({ responseText: answerFor(word), ...DEMO_PACE });
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Message', { exact: true }).fill('Say something short.');
  await settle(page, 100);
  const painted = page.evaluate((w) => window.__bench.watchTextPainted(w, 'bench:first-token'), word);
  await page.getByRole('button', { name: 'Send' }).click();
  const paintedAt = await painted;
  const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
  await answerDone(page);
  return paintedAt - clickedAt;
}

/** One baseline sample (this process's clock): a plain `fetch` sent → the first token read. */
export async function fetchTtftOnce(app: AppSession, i: number): Promise<number> {
  const base = await app.host.demoUrl();
  const word = firstWord(i);
  await app.configureDemo({ responseText: answerFor(word), ...DEMO_PACE });
  const sentAt = performance.now();
  const response = await fetch(`${base}/serving-endpoints/${CHAT_ENDPOINT}/invocations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Say something short.' }], stream: true }),
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let receivedAt = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (Number.isNaN(receivedAt) && text.includes(word)) receivedAt = performance.now();
  }
  return receivedAt - sentAt;
}

/** Paired, interleaved samples: app then fetch for each request; the overhead is their difference. */
export async function pairedTtft(app: AppSession, requests = TTFT_REQUESTS) {
  const pairs: { app: number; fetch: number; overhead: number }[] = [];
  for (let i = 0; i < requests; i++) {
    const inApp = await appTtftOnce(app, i);
    const floor = await fetchTtftOnce(app, i);
    pairs.push({ app: inApp, fetch: floor, overhead: inApp - floor });
  }
  return pairs;
}

/** p50 and p95 of samples. */
export const p50p95 = (samples: number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** Scenario 2 for `npm run bench`. */
export const ttftScenario: Scenario = {
  name: 'ttft',
  title: `time-to-first-token overhead over ${TTFT_REQUESTS} paired requests, against a plain fetch, one clock each`,
  async run({ app, results }) {
    const pairs = await pairedTtft(app);
    const overhead = p50p95(pairs.map((p) => p.overhead));
    const one = (value: number) => summarize([value]);
    results.targets.push(
      target('ttft-p50', '2 · TTFT overhead p50 (app − fetch, paired)', one(overhead.p50), 16, 'ms'),
      target('ttft-p95', '2 · TTFT overhead p95 (app − fetch, paired)', one(overhead.p95), 50, 'ms'),
    );
    results.scenarios.ttft = {
      requests: TTFT_REQUESTS,
      method:
        'paired, interleaved; app: pointerdown → first token painted (page clock); fetch: sent → first token read (bench clock)',
      overhead,
      app: p50p95(pairs.map((p) => p.app)),
      fetch: p50p95(pairs.map((p) => p.fetch)),
      pairs,
    };
  },
};
