import type { Page } from '@playwright/test';
import { DEMO_TOKEN } from '../../support/studio-host';
import { type AppSession, CHAT_ENDPOINT } from '../lib/app';
import { settle } from '../lib/browser';
import {
  countOver,
  evalCsv,
  type LimitsReading,
  rateBoundMs,
  readLimits,
  sharePercent,
} from '../lib/eval-metrics';
import { frameGaps } from '../lib/probes';
import { info, overCount, target, withNote } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Evaluate, driven as a user drives it (the e2e tests' labels and buttons):
 *
 * 1. Local run at the demo's rate limit: 1,000 rows, one variant, the chat endpoint limited to
 *    LOCAL_QPS queries per second (a sliding one-second window; answers are short, so the limit,
 *    not the answers, sets the pace). Elapsed = the Run click (or the confirmation's, when the
 *    app asks) → the progress reading "1,000 / 1,000 done", in the page. The bound is rows ÷
 *    allowed rate = 1,000 / LOCAL_QPS s. The 429 share is the demo's count of requests it
 *    answered 429 over every request the run sent (retries included), both from /__demo/stats.
 * 2. Workspace fetch: a 10,000-row run in the workspace, ONE variant (one ai_query statement):
 *    from the statement's SUCCEEDED appearing in the run's status (a mutation in the page) to
 *    the progress reading "10,000 / 10,000 done" (the grid re-renders in the same commit). Both
 *    ends are on the page's clock.
 * 3. Grid frames: a 10,000-row × 3-variant workspace run, produced once, then every run scrolls
 *    its grid from the top to the bottom in SCROLL_STEPS scrollTop jumps SCROLL_PAUSE_MS apart;
 *    the longest frame gap, judged on the worst run, with the count of frames over 50 ms.
 */

export const LOCAL_ROWS = 1_000;
/** The demo's limit for the local run: 1,000 rows take 20 s at the bound. */
export const LOCAL_QPS = 50;
export const WORKSPACE_ROWS = 10_000;
export const GRID_VARIANTS = 3;
const SCROLL_STEPS = 25;
const SCROLL_PAUSE_MS = 120;
const OTHER_ENDPOINTS = ['databricks-dbrx-instruct', 'databricks-mixtral-8x7b-instruct'];

const count = (n: number) => n.toLocaleString('en-US');

interface DemoCounters {
  requests: number;
  rateLimited: number;
}

async function demoCounters(app: AppSession): Promise<DemoCounters> {
  const response = await fetch(`${await app.host.demoUrl()}/__demo/stats`, {
    headers: { authorization: `Bearer ${DEMO_TOKEN}` },
  });
  const stats = (await response.json()) as Partial<DemoCounters>;
  return { requests: stats.requests ?? 0, rateLimited: stats.rateLimited ?? Number.NaN };
}

export async function openEvaluate(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await page.getByRole('heading', { name: 'Evaluate' }).waitFor();
}

export async function importCsv(page: Page, name: string, rows: number): Promise<void> {
  await page
    .getByLabel('Import a dataset (CSV or JSONL)')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(evalCsv(rows)) });
  await page
    .getByTestId('ev-dataset-summary')
    .filter({ hasText: `${count(rows)} rows` })
    .or(page.getByTestId('ev-dataset-summary').filter({ hasText: `${rows} rows` }))
    .first()
    .waitFor({ timeout: 60_000 });
}

/** Sets the variants to `endpoints` (adding or removing variants as needed). */
export async function setVariants(page: Page, endpoints: readonly string[]): Promise<void> {
  const present = async () => page.getByLabel(/^Endpoint for variant \d+$/).count();
  while ((await present()) < endpoints.length)
    await page.getByRole('button', { name: 'Add variant' }).click();
  while ((await present()) > endpoints.length)
    await page.getByRole('button', { name: `Remove variant ${await present()}` }).click();
  for (const [i, endpoint] of endpoints.entries())
    await page.getByLabel(`Endpoint for variant ${i + 1}`).selectOption(endpoint);
}

/**
 * Clicks `button`, then the confirmation's Run when the app asks for one; resolves once the
 * run has started, with the epoch time of the last click (the one that started it).
 */
async function clickRun(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const confirm = page.getByTestId('ev-confirm');
  const started = page.getByRole('button', { name: 'Cancel run' });
  await confirm.or(started).first().waitFor();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: /^Run [\d,]+ requests$/ }).click();
}

/**
 * Resolves with the epoch time (page clock) an element `selector` next comes to read `text`
 * (its whole text, checked at every DOM mutation: React splits it into several text nodes), or
 * NaN after `timeoutMs`.
 */
function watchWhole(page: Page, selector: string, text: string, timeoutMs = 240_000): Promise<number> {
  return page.evaluate(
    ([sel, want, ms]) =>
      new Promise<number>((resolve) => {
        const reads = () => {
          for (const el of document.querySelectorAll(sel as string))
            if ((el.textContent ?? '').trim() === want) return true;
          return false;
        };
        const stop = (at: number) => {
          observer.disconnect();
          clearTimeout(timer);
          resolve(at);
        };
        // What an earlier run left on screen doesn't count: it must read otherwise first.
        let armed = !reads();
        const observer = new MutationObserver(() => {
          if (!reads()) armed = true;
          else if (armed) stop(window.__bench.mark(`bench:${want as string}`));
        });
        const timer = setTimeout(() => stop(Number.NaN), ms as number);
        observer.observe(document, { subtree: true, childList: true, characterData: true });
      }),
    [selector, text, timeoutMs] as const,
  );
}

/** Resolves when the progress reads "`n` / `n` done". */
const watchDone = (page: Page, n: number) =>
  watchWhole(page, '[data-testid="ev-progress-done"]', `${count(n)} / ${count(n)} done`);

interface LocalRun {
  elapsedMs: number;
  boundMs: number;
  ratio: number;
  requests: number;
  rateLimited: number;
  sharePercent: number;
  /** The run panel's limits, read every SAMPLE_MS while it ran (what held the run back). */
  limits: {
    first: number | null;
    last: number | null;
    minPace: number | null;
    medianInFlight: number | null;
  };
}

const SAMPLE_MS = 250;

/** Reads the run panel's limits and in-flight lines every `ms` until the returned stop is called. */
async function sampleLimits(page: Page, ms: number): Promise<() => Promise<LimitsReading[]>> {
  await page.evaluate((every) => {
    const w = window as unknown as { __evLimits?: [string, string][]; __evLimitsTimer?: number };
    w.__evLimits = [];
    w.__evLimitsTimer = window.setInterval(() => {
      const limits = document.querySelector('[data-testid="ev-limits"]')?.textContent ?? '';
      const progress = document.querySelector('[data-testid="ev-progress"]')?.textContent ?? '';
      if (limits) w.__evLimits?.push([limits, progress]);
    }, every);
  }, ms);
  return async () => {
    const texts = await page.evaluate(() => {
      const w = window as unknown as { __evLimits?: [string, string][]; __evLimitsTimer?: number };
      clearInterval(w.__evLimitsTimer);
      return w.__evLimits ?? [];
    });
    return texts.map(([l, p]) => readLimits(l, p)).filter((r): r is LimitsReading => r !== null);
  };
}

async function localRun(app: AppSession): Promise<LocalRun> {
  const { page } = app;
  // The demo's window forgets the previous run's queries first.
  await page.waitForTimeout(1_500);
  const before = await demoCounters(app);
  const done = watchDone(page, LOCAL_ROWS);
  const stopSampling = await sampleLimits(page, SAMPLE_MS);
  await clickRun(page, 'Run here');
  const doneAt = await done;
  const readings = await stopSampling();
  const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
  await page.getByText('Finished').waitFor();
  const after = await demoCounters(app);
  const elapsedMs = doneAt - clickedAt;
  const boundMs = rateBoundMs(LOCAL_ROWS, LOCAL_QPS);
  const requests = after.requests - before.requests;
  const rateLimited = after.rateLimited - before.rateLimited;
  return {
    elapsedMs,
    boundMs,
    ratio: elapsedMs / boundMs,
    requests,
    rateLimited,
    sharePercent: sharePercent(rateLimited, requests),
    limits: limitsSummary(readings),
  };
}

function limitsSummary(readings: readonly LimitsReading[]): LocalRun['limits'] {
  const paces = readings.map((r) => r.pace).filter((p): p is number => p !== null);
  const flights = readings.map((r) => r.inFlight).filter((n): n is number => n !== null);
  return {
    first: paces[0] ?? null,
    last: paces.at(-1) ?? null,
    minPace: paces.length > 0 ? Math.min(...paces) : null,
    medianInFlight: flights.length > 0 ? summarize(flights).median : null,
  };
}

interface FetchRun {
  /** SUCCEEDED shown → every row in the grid. */
  fetchMs: number;
  /** Run click → every row in the grid (polling and the statement included). */
  totalMs: number;
}

export async function workspaceRun(page: Page, rows: number, variants: number): Promise<FetchRun> {
  const total = rows * variants;
  const done = watchDone(page, total);
  // The first statement's state reading SUCCEEDED (with one variant, the only one).
  const succeeded = watchWhole(page, '[data-testid="ev-ws-state"]', 'SUCCEEDED');
  await clickRun(page, 'Run in the workspace');
  const doneAt = await done;
  const succeededAt = await succeeded;
  const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
  await page.getByText('Finished').waitFor({ timeout: 60_000 });
  return { fetchMs: doneAt - Math.min(succeededAt, doneAt), totalMs: doneAt - clickedAt };
}

interface GridRun {
  longestFrameMs: number;
  framesOver50: number;
}

export async function scrollGrid(page: Page): Promise<GridRun> {
  await settle(page, 300);
  const frames = await page.evaluate(
    async ({ steps, pauseMs }) => {
      const grid = document.querySelector('[data-testid="ev-grid"]');
      const scroller =
        grid && grid.scrollHeight > grid.clientHeight
          ? grid
          : (document.querySelector('.ev-results [data-virtuoso-scroller="true"]') ?? grid);
      if (!scroller) throw new Error('no results grid');
      const pause = () => new Promise((r) => setTimeout(r, pauseMs));
      scroller.scrollTop = 0;
      await pause();
      const bottom = Math.max(0, scroller.scrollHeight - scroller.clientHeight);
      window.__bench.startRecording();
      for (let i = 1; i <= steps; i++) {
        scroller.scrollTop = Math.round((i / steps) * bottom);
        await pause();
      }
      return window.__bench.stopRecording().frames;
    },
    { steps: SCROLL_STEPS, pauseMs: SCROLL_PAUSE_MS },
  );
  const gaps = frameGaps(frames);
  return {
    longestFrameMs: gaps.length > 0 ? Math.max(...gaps) : Number.NaN,
    framesOver50: countOver(gaps, 50),
  };
}

/** The Evaluate scenario for `npm run bench`. */
export const evaluateScenario: Scenario = {
  name: 'evaluate',
  title: `Evaluate: ${count(LOCAL_ROWS)} rows at a rate limit, a ${count(WORKSPACE_ROWS)}-row workspace fetch, the grid`,
  async run({ app, runs, results, log }) {
    const { page } = app;
    await openEvaluate(page);
    await app.configureDemo({
      ttftMs: 20,
      tokensPerSec: 2_000,
      responseText: '{"answer": "Paris"}',
      rateLimits: { [CHAT_ENDPOINT]: { queriesPerSecond: LOCAL_QPS } },
    });
    const local: LocalRun[] = [];
    const fetches: FetchRun[] = [];
    const grid: GridRun[] = [];
    try {
      await importCsv(page, 'bench-1000.csv', LOCAL_ROWS);
      await page
        .getByLabel('User', { exact: true })
        .fill('What is the capital of {{country}}? Answer in JSON.');
      await setVariants(page, [CHAT_ENDPOINT]);
      await page.getByLabel(/^This machine/).check();
      for (let r = 1; r <= runs; r++) {
        local.push(await localRun(app));
        const last = local.at(-1) as LocalRun;
        log(
          `local run ${r}/${runs}: ${Math.round(last.elapsedMs)} ms (${last.ratio.toFixed(3)}× the bound), ${last.rateLimited} of ${last.requests} requests answered 429; pace learned ${last.limits.first ?? '—'}/s, last ${last.limits.last ?? '—'}/s, lowest ${last.limits.minPace ?? '—'}/s; median ${last.limits.medianInFlight ?? '—'} in flight`,
        );
      }
    } finally {
      // Later scenarios are not rate-limited.
      await app.configureDemo({ rateLimits: { [CHAT_ENDPOINT]: null } });
    }

    await importCsv(page, 'bench-10000.csv', WORKSPACE_ROWS);
    await page.getByLabel(/^Workspace \(Databricks SQL\)/).check();
    await page.getByTestId('ev-warehouse-state').filter({ hasText: 'RUNNING' }).waitFor();
    for (let r = 1; r <= runs; r++) {
      fetches.push(await workspaceRun(page, WORKSPACE_ROWS, 1));
      const last = fetches.at(-1) as FetchRun;
      log(
        `workspace run ${r}/${runs}: SUCCEEDED → all rows ${Math.round(last.fetchMs)} ms (Run → all rows ${Math.round(last.totalMs)} ms)`,
      );
    }

    await setVariants(page, [CHAT_ENDPOINT, ...OTHER_ENDPOINTS].slice(0, GRID_VARIANTS));
    const produced = await workspaceRun(page, WORKSPACE_ROWS, GRID_VARIANTS);
    log(`grid: ${count(WORKSPACE_ROWS)} × ${GRID_VARIANTS} run in ${Math.round(produced.totalMs)} ms`);
    for (let r = 1; r <= runs; r++) {
      grid.push(await scrollGrid(page));
      const last = grid.at(-1) as GridRun;
      log(
        `grid scroll ${r}/${runs}: longest frame ${Math.round(last.longestFrameMs)} ms, ${last.framesOver50} over 50 ms`,
      );
    }

    const of = <T>(list: T[], key: keyof T) => summarize(list.map((x) => x[key] as number));
    const rateLimited = local.reduce((n, x) => n + x.rateLimited, 0);
    const requests = local.reduce((n, x) => n + x.requests, 0);
    results.targets.push(
      withNote(
        target(
          'eval-local-vs-bound',
          `Evaluate · ${count(LOCAL_ROWS)} rows here at ${LOCAL_QPS} queries/s: elapsed / (rows ÷ allowed rate)`,
          of(local, 'ratio'),
          1.1,
          '×',
        ),
        `bound ${rateBoundMs(LOCAL_ROWS, LOCAL_QPS) / 1000} s; elapsed median ${(of(local, 'elapsedMs').median / 1000).toFixed(1)} s`,
      ),
      withNote(
        target(
          'eval-local-429-share',
          'Evaluate · share of its requests answered 429',
          of(local, 'sharePercent'),
          2,
          '%',
        ),
        `${count(rateLimited)} of ${count(requests)} requests in ${local.length} run${local.length === 1 ? '' : 's'}`,
      ),
      withNote(
        target(
          'eval-grid-frame',
          `Evaluate · longest frame scrolling a ${count(WORKSPACE_ROWS)}-row × ${GRID_VARIANTS}-variant grid`,
          of(grid, 'longestFrameMs'),
          50,
          'ms',
          'lower',
          'worst',
        ),
        overCount(
          grid.map((g) => g.framesOver50),
          'frames',
        ),
      ),
      withNote(
        target(
          'eval-workspace-fetch',
          `Evaluate · workspace run of ${count(WORKSPACE_ROWS)} rows (one variant): SUCCEEDED → every row in the grid`,
          of(fetches, 'fetchMs'),
          2_000,
          'ms',
        ),
        `Run → every row: ${Math.round(of(fetches, 'totalMs').median)} ms`,
      ),
      info('eval-workspace-total', 'Evaluate · workspace run: Run → every row', of(fetches, 'totalMs'), 'ms'),
    );
    results.scenarios.evaluate = {
      local: {
        rows: LOCAL_ROWS,
        rateLimit: { kind: 'queriesPerSecond', value: LOCAL_QPS, window: 'sliding 1 s' },
        bound: `rows ÷ allowed rate = ${LOCAL_ROWS} ÷ ${LOCAL_QPS}/s = ${rateBoundMs(LOCAL_ROWS, LOCAL_QPS)} ms; elapsed is the Run click → "${count(LOCAL_ROWS)} / ${count(LOCAL_ROWS)} done", page clock`,
        share: '429s counted by the demo ÷ every request it received in the run (retries included)',
        runs: local,
      },
      workspaceFetch: {
        rows: WORKSPACE_ROWS,
        variants: 1,
        measured: 'SUCCEEDED appears in the run status → the progress reads every row done, page clock',
        runs: fetches,
      },
      grid: {
        rows: WORKSPACE_ROWS,
        variants: GRID_VARIANTS,
        steps: SCROLL_STEPS,
        pauseMs: SCROLL_PAUSE_MS,
        producedInMs: produced.totalMs,
        runs: grid,
      },
    };
  },
};
