import type { Page } from '@playwright/test';
import { benchmarkAnswer } from '../lib/answer';
import { type AppSession, answerDone } from '../lib/app';
import { target } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Does the renderer keep what it no longer needs? Twenty answers (~20 KB of markdown each,
 * code and tables included) are streamed, each in a new conversation, as a user working
 * through a day does; the JS heap is read after a full garbage collection once 5 are done and
 * again after 20. Growth is their ratio (1 = nothing kept; a leak of each answer's text, DOM
 * or listeners shows as more).
 */

const ANSWERS = 20;
const EARLY = 5;

/** The JS heap in use after a full garbage collection, MB. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Twice: the first collection can leave what finalizers and weak references free.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1_048_576;
  } finally {
    await cdp.detach();
  }
}

async function streamOne(app: AppSession, i: number): Promise<void> {
  const page = app.page;
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Message', { exact: true }).fill(`Answer number ${i}, at length please.`);
  await page.getByRole('button', { name: 'Send' }).click();
  await answerDone(page);
}

interface MemoryRun {
  earlyMb: number;
  lateMb: number;
  growth: number;
  /** The heap after every fifth answer, MB: a plateau is fine, a steady climb is a leak. */
  every5Mb: number[];
}

async function memoryRun(app: AppSession): Promise<MemoryRun> {
  const every5Mb: number[] = [];
  for (let i = 1; i <= ANSWERS; i++) {
    await streamOne(app, i);
    if (i % 5 === 0) every5Mb.push(await heapAfterGc(app.page));
  }
  const earlyMb = every5Mb[EARLY / 5 - 1] as number;
  const lateMb = every5Mb.at(-1) as number;
  return { earlyMb, lateMb, growth: lateMb / earlyMb, every5Mb };
}

/** The heap-growth row for `npm run bench`. */
export const memoryScenario: Scenario = {
  name: 'memory',
  title: `renderer heap after ${ANSWERS} streamed answers against after ${EARLY}, after garbage collection`,
  async run({ app, runs, results, log }) {
    await app.configureDemo({
      responseText: benchmarkAnswer(20_000, 'Zqmemend', 13),
      tokensPerSec: 20_000,
      ttftMs: 20,
    });
    const list: MemoryRun[] = [];
    try {
      for (let r = 1; r <= runs; r++) {
        // Each run starts from a fresh page, so one run's answers don't count in the next.
        if (r > 1) await app.reopen();
        list.push(await memoryRun(app));
        const last = list.at(-1) as MemoryRun;
        log(
          `run ${r}/${runs}: ${last.earlyMb.toFixed(1)} MB after ${EARLY}, ${last.lateMb.toFixed(1)} MB after ${ANSWERS}`,
        );
      }
    } finally {
      await app.configureDemo({ responseText: null });
    }
    const of = (key: 'earlyMb' | 'lateMb' | 'growth') => summarize(list.map((x) => x[key]));
    results.targets.push(
      target(
        'heap-growth',
        `7 · Renderer heap after ${ANSWERS} answers / after ${EARLY} (after GC)`,
        of('growth'),
        1.1,
        '×',
      ),
    );
    results.scenarios.memory = { answers: ANSWERS, early: EARLY, answerBytes: 20_000, runs: list };
  },
};
