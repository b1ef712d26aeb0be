import type { Browser, Page } from '@playwright/test';
import { DEMO_TOKEN } from '../../support/studio-host';
import { type AppSession, answerDone, CHAT_ENDPOINT } from '../lib/app';
import { newProbedPage, settle } from '../lib/browser';
import { target } from '../lib/report';
import { percentile, summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Scenario 2: time-to-first-token overhead, each figure read on one clock. The app's sample is
 * the page's own: the user's click (pointerdown) → the first token painted (the animation
 * frame after it reached the DOM). The baseline's is measured the same way in the same browser:
 * a page on the demo's origin `fetch`es the same stream, call → the first token painted. Both
 * wait out the demo's same 100 ms TTFT, so their difference is the app's overhead (the click,
 * the store, the bridge, the host and its request, the render), and no timestamp from one
 * process is ever subtracted from another's. Samples are paired and interleaved (alternating
 * which side goes first), and the overhead's p50 and p95 are those of the per-pair differences.
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

/**
 * One baseline sample, in the same browser on the page's own clock: a page on the demo's origin
 * `fetch`es the same stream, and the sample runs from the call to the first token painted (the
 * animation frame after it is put in the page), as the app's is.
 */
export async function fetchTtftOnce(app: AppSession, page: Page, i: number): Promise<number> {
  const base = await app.host.demoUrl();
  const word = firstWord(i);
  await app.configureDemo({ responseText: answerFor(word), ...DEMO_PACE });
  await settle(page, 100);
  return page.evaluate(
    async ({ url, token, w }) => {
      const probes = window.__bench;
      const sentAt = probes.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Say something short.' }], stream: true }),
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const out = document.body.appendChild(document.createElement('p'));
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return Number.NaN;
        text += decoder.decode(value, { stream: true });
        if (text.includes(w)) {
          out.textContent = w;
          // The same rule as the app's sample: the start of the frame that paints it.
          const paintedAt = await probes.paintFrameOf();
          await reader.cancel();
          out.remove();
          return paintedAt - sentAt;
        }
      }
    },
    { url: `${base}/serving-endpoints/${CHAT_ENDPOINT}/invocations`, token: DEMO_TOKEN, w: word },
  );
}

/** A page on the demo's origin, for the baseline's same-origin fetch. */
async function baselinePage(
  browser: Browser,
  app: AppSession,
): Promise<{ page: Page; close(): Promise<void> }> {
  const { context, page } = await newProbedPage(browser);
  // Any answer will do: the page only needs the demo's origin (its fetches are then same-origin).
  await page.goto(`${await app.host.demoUrl()}/__demo/stats`);
  return { page, close: () => context.close() };
}

/** Paired, interleaved samples: app then fetch for each request; the overhead is their difference. */
export async function pairedTtft(browser: Browser, app: AppSession, requests = TTFT_REQUESTS) {
  const pairs: { app: number; fetch: number; overhead: number }[] = [];
  const baseline = await baselinePage(browser, app);
  try {
    // One of each first, unmeasured, so neither side's first request pays for a cold connection.
    await appTtftOnce(app, requests);
    await fetchTtftOnce(app, baseline.page, requests);
    for (let i = 0; i < requests; i++) {
      // Alternating which goes first, so a drift in the machine's speed falls on both sides.
      const appFirst = i % 2 === 0;
      const floor = appFirst ? Number.NaN : await fetchTtftOnce(app, baseline.page, i);
      const inApp = await appTtftOnce(app, i);
      const fetched = appFirst ? await fetchTtftOnce(app, baseline.page, i) : floor;
      pairs.push({ app: inApp, fetch: fetched, overhead: inApp - fetched });
    }
  } finally {
    await baseline.close();
  }
  return pairs;
}

/** p50 and p95 of samples. */
export const p50p95 = (samples: number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** Scenario 2 for `npm run bench`. */
export const ttftScenario: Scenario = {
  name: 'ttft',
  title: `time-to-first-token overhead over ${TTFT_REQUESTS} paired requests, against a plain fetch, one clock each`,
  async run({ browser, app, results }) {
    const pairs = await pairedTtft(browser, app);
    const overhead = p50p95(pairs.map((p) => p.overhead));
    const one = (value: number) => summarize([value]);
    results.targets.push(
      target('ttft-p50', '2 · TTFT overhead p50 (app − fetch, paired)', one(overhead.p50), 16, 'ms'),
      target('ttft-p95', '2 · TTFT overhead p95 (app − fetch, paired)', one(overhead.p95), 50, 'ms'),
    );
    results.scenarios.ttft = {
      requests: TTFT_REQUESTS,
      method:
        "paired, interleaved (alternating which goes first), one warm-up pair unmeasured; app: pointerdown → first token painted (the app page's clock); baseline: a same-origin fetch from a page on the demo's origin in the same browser, called → first token painted (that page's clock)",
      overhead,
      app: p50p95(pairs.map((p) => p.app)),
      fetch: p50p95(pairs.map((p) => p.fetch)),
      pairs,
    };
  },
};
