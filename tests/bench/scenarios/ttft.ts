import type { Page } from '@playwright/test';
import { DEMO_TOKEN } from '../../support/studio-host';
import { type AppSession, answerDone, CHAT_ENDPOINT } from '../lib/app';
import { settle } from '../lib/browser';
import { target } from '../lib/report';
import { percentile, summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Scenario 2: time-to-first-token overhead. The demo stamps when it wrote the first token; the
 * page's probe stamps when that token is on screen. The same stream read by a plain `fetch` in
 * Node gives the floor (network, parsing), so the app's own overhead is the difference.
 */

export const TTFT_REQUESTS = 30;

/** A first word that is one token and never appeared before in the page. */
const firstWord = (i: number) => `Kq${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}xvz`;
const answerFor = (word: string) =>
  `${word} opens this short answer, which then goes on for a few more words.`;

/** TTFT samples (ms, server's first token → first token painted) in the app. */
export async function appTtft(app: AppSession, requests = TTFT_REQUESTS): Promise<number[]> {
  const page: Page = app.page;
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const word = firstWord(i);
    await app.configureDemo({ responseText: answerFor(word), ttftMs: 100, tokensPerSec: 200 });
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByLabel('Message', { exact: true }).fill('Say something short.');
    await settle(page, 100);
    const seen = page.evaluate((w) => window.__bench.watchText(w, 'bench:first-token'), word);
    await page.getByRole('button', { name: 'Send' }).click();
    const paintedAt = await seen;
    await answerDone(page);
    const stream = (await app.streams()).at(-1);
    if (!stream?.firstTokenAt) throw new Error('the demo recorded no first token');
    samples.push(paintedAt - stream.firstTokenAt);
  }
  return samples;
}

/** The same: the demo's first token → a plain Node `fetch` reader has it. */
export async function fetchTtft(app: AppSession, requests = TTFT_REQUESTS): Promise<number[]> {
  const base = await app.host.demoUrl();
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const word = firstWord(i);
    await app.configureDemo({ responseText: answerFor(word), ttftMs: 100, tokensPerSec: 200 });
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
      if (Number.isNaN(receivedAt) && text.includes(word))
        receivedAt = performance.timeOrigin + performance.now();
    }
    const stream = (await app.streams()).at(-1);
    if (!stream?.firstTokenAt) throw new Error('the demo recorded no first token');
    samples.push(receivedAt - stream.firstTokenAt);
  }
  return samples;
}

/** p50 and p95 of samples. */
export const p50p95 = (samples: number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** Scenario 2 for `npm run bench`. */
export const ttftScenario: Scenario = {
  name: 'ttft',
  title: `time-to-first-token overhead over ${TTFT_REQUESTS} requests, against a plain fetch`,
  async run({ app, results }) {
    const inApp = await appTtft(app);
    const floor = await fetchTtft(app);
    const a = p50p95(inApp);
    const f = p50p95(floor);
    const one = (value: number) => summarize([value]);
    results.targets.push(
      target('ttft-p50', '2 · TTFT overhead p50 (app − fetch)', one(a.p50 - f.p50), 16, 'ms'),
      target('ttft-p95', '2 · TTFT overhead p95 (app − fetch)', one(a.p95 - f.p95), 50, 'ms'),
    );
    results.scenarios.ttft = {
      requests: TTFT_REQUESTS,
      app: { ...a, samples: inApp },
      fetch: { ...f, samples: floor },
    };
  },
};
