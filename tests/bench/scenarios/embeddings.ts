import type { Browser } from '@playwright/test';
import type { AppSession } from '../lib/app';
import { traced } from '../lib/browser';
import { frameGaps } from '../lib/probes';
import { info, target } from '../lib/report';
import { summarize } from '../lib/stats';
import { longestBetween } from '../lib/trace';
import type { Scenario } from './scenario';

/**
 * Scenario 5: similarity for 500 texts × 1,024 dimensions on two embedding models. The texts
 * arrive as a .txt import (as a long list does); each run uses new texts, so nothing comes from
 * the cache. Measured: the app's own `embeddings:similarity` User Timing measure (every model's
 * vectors in → the analysis back on the main thread), `embeddings:run` (Embed → results
 * rendered), and the longest frame and main-thread task from the click to the results.
 */

export const EMBEDDING_TEXTS = 500;
const MODELS = ['databricks-bge-large-en', 'databricks-gte-large-en'];
const WORDS = ['cat', 'kitten', 'stock', 'bond', 'rain', 'pizza', 'guitar', 'doctor', 'flight', 'atom'];

interface EmbeddingsRun {
  computeMs: number;
  runMs: number;
  longestFrameMs: number;
  longestTaskMs: number;
}

async function embedOnce(browser: Browser, app: AppSession, run: number): Promise<EmbeddingsRun> {
  const page = app.page;
  const texts = Array.from(
    { length: EMBEDDING_TEXTS },
    (_, k) => `Run ${run}, text ${k}: about ${WORDS[k % 10]} and ${WORDS[(k * 7) % 10]}.`,
  );
  await page
    .getByLabel('Import .txt or .csv')
    .setInputFiles({ name: 'texts.txt', mimeType: 'text/plain', buffer: Buffer.from(texts.join('\n')) });
  await page
    .getByTestId('text-count')
    .filter({ hasText: `${EMBEDDING_TEXTS} texts` })
    .waitFor();
  await page.evaluate(() => performance.clearMeasures());
  const { result, trace } = await traced(browser, page, async () => {
    await page.evaluate(() => window.__bench.startRecording());
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    // The app's own measure ends when the results are rendered (cleared before the click).
    await page.waitForFunction(() => performance.getEntriesByName('embeddings:run').length > 0, null, {
      timeout: 120_000,
    });
    const measures = await page.evaluate(() => {
      const last = (name: string) => performance.getEntriesByName(name).at(-1)?.duration ?? Number.NaN;
      return { computeMs: last('embeddings:similarity'), runMs: last('embeddings:run') };
    });
    const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
    const doneAt = await page.evaluate(() => window.__bench.mark('bench:last'));
    const { frames } = await page.evaluate(() => window.__bench.stopRecording());
    return { ...measures, clickedAt, doneAt, frames };
  });
  const offset = (trace.marks.get('bench:last') as number) - result.doneAt;
  const gaps = frameGaps(result.frames.filter((t) => t >= result.clickedAt && t <= result.doneAt));
  return {
    computeMs: result.computeMs,
    runMs: result.runMs,
    longestFrameMs: gaps.length > 0 ? Math.max(...gaps) : Number.NaN,
    longestTaskMs: longestBetween(trace.tasks, result.clickedAt + offset, result.doneAt + offset),
  };
}

/** Scenario 5 for `npm run bench`. */
export const embeddingsScenario: Scenario = {
  name: 'embeddings',
  title: `similarity for ${EMBEDDING_TEXTS} texts × 1,024 dimensions on two models`,
  async run({ browser, app, runs, results, log }) {
    const page = app.page;
    await app.configureDemo({ ttftMs: 0, responseText: null });
    await page.getByRole('navigation').getByRole('button', { name: 'Embeddings' }).click();
    await page.getByTestId('embeddings-pane').waitFor();
    for (const name of MODELS) await page.getByRole('checkbox', { name: new RegExp(name) }).check();
    const list: EmbeddingsRun[] = [];
    for (let r = 1; r <= runs; r++) {
      list.push(await embedOnce(browser, app, r));
      log(
        `run ${r}/${runs}: similarity ${Math.round(list.at(-1)?.computeMs ?? 0)} ms, longest frame ${Math.round(list.at(-1)?.longestFrameMs ?? 0)} ms`,
      );
    }
    await page.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
    const of = (key: keyof EmbeddingsRun) => summarize(list.map((x) => x[key]));
    results.targets.push(
      target('embeddings-compute', '5 · Similarity, 500 × 1,024 on two models', of('computeMs'), 100, 'ms'),
      target(
        'embeddings-frame',
        '5 · Longest frame while it runs',
        of('longestFrameMs'),
        50,
        'ms',
        'lower',
        'worst',
      ),
      info('embeddings-run', '5 · Embed click → results on screen', of('runMs'), 'ms'),
    );
    results.scenarios.embeddings = { texts: EMBEDDING_TEXTS, dimensions: 1024, models: MODELS, runs: list };
  },
};
