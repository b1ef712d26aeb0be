import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { type AppSession, answerDone, CHAT_ENDPOINT, startApp } from './lib/app';
import { launchBrowser } from './lib/browser';
import { describeMachine } from './lib/machine';
import { buildPeerPage, servePeerPage } from './lib/peer-page';
import {
  type BenchResults,
  compareTargets,
  mergeRemeasured,
  README_END,
  README_START,
  resultsMarkdown,
  withResults,
} from './lib/report';
import { SCENARIOS, type Scenario } from './scenarios';

/*
 * `npm run bench`: builds the renderer and the peer page, starts browser mode on the demo
 * workspace, drives the real app in Chromium through every scenario (each several times),
 * then writes bench-results/latest.json, prints the tables and puts them in the README.
 *
 *   npm run bench                      all scenarios, 5 runs each
 *   npm run bench -- --runs 7          more runs
 *   npm run bench -- --only streaming,ttft
 *   npm run bench -- --no-readme       leave README.md as it is
 *   npm run bench -- --compare bench-results/latest.json   each target's change against an earlier run
 *   npm run bench -- --only streaming --into-latest   measure some scenarios again and merge them
 *                                       into latest.json (and the README), saying so in the table
 */

const ROOT = resolve(import.meta.dirname, '../..');
/** A full run is the reference the README shows; a partial one (--only) gets its own file. */
const outFile = (only: string[] | undefined) =>
  resolve(ROOT, 'bench-results', only ? `partial-${only.join('-')}.json` : 'latest.json');
const README = resolve(ROOT, 'README.md');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    'no-readme': { type: 'boolean', default: false },
    compare: { type: 'string' },
    'into-latest': { type: 'boolean', default: false },
  },
});
/** The earlier results to compare with, read before this run can overwrite the file. */
const base = values.compare
  ? (JSON.parse(readFileSync(resolve(values.compare), 'utf8')) as BenchResults)
  : null;

/** The commit measured: short hash, "+dirty" when the working tree had changes. */
function currentCommit(): string | undefined {
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return undefined;
  const dirty = git(['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? '+dirty' : ''}`;
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number ≥ 1, not "${values.runs}"`);
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
if (unknown.length > 0)
  throw new Error(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
  );
const chosen: Scenario[] = SCENARIOS.filter((s) => !only || only.includes(s.name));

function step(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** What a scenario may have changed in the demo, back to how the benchmark starts it. */
const DEMO_DEFAULTS = {
  responseText: null,
  reasoningText: null,
  responseTokens: null,
  rateLimits: { '*': null },
  faults: [],
};

/** A short first answer with code and math, so lazy chunks are loaded before anything is timed. */
async function warmUp(app: AppSession): Promise<void> {
  await app.configureDemo({
    responseText: 'Warm-up.\n\n```ts\nconst x = 1;\n```\n\nAnd $$e^{i\\pi}+1=0$$ done.',
    tokensPerSec: 2_000,
    ttftMs: 50,
  });
  await app.page.getByLabel('Message', { exact: true }).fill('Warm up.');
  await app.page.getByRole('button', { name: 'Send' }).click();
  await answerDone(app.page);
}

async function main(): Promise<void> {
  const started = performance.now();
  step('building the renderer and the peer page');
  const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('the renderer did not build (npm run build:renderer)');
  await buildPeerPage();
  const peers = await servePeerPage();
  const browser: Browser = await launchBrowser();
  const machine = describeMachine(browser);
  let app: AppSession | null = null;
  if (machine.loaded)
    step(
      `warning: load average ${machine.loadAverage.toFixed(2)} is above the ${machine.cores} cores; timings will include other work`,
    );
  const commit = currentCommit();
  const results: BenchResults = {
    version: 1,
    date: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    machine,
    runs,
    durationSec: 0,
    targets: [],
    renderers: [],
    ratios: {},
    scenarios: {},
  };
  try {
    app = await startApp(browser);
    for (const scenario of chosen) {
      step(`${scenario.name}: ${scenario.title}`);
      const t = performance.now();
      try {
        // Every scenario starts from a fresh, warmed page on Chat and the demo's defaults,
        // whatever the one before left open or configured.
        await app.configureDemo(DEMO_DEFAULTS);
        await app.reopen();
        await app.page.getByRole('navigation').getByRole('button', { name: 'Chat', exact: true }).click();
        await app.page.getByLabel('Endpoint').selectOption(CHAT_ENDPOINT);
        await warmUp(app);
        await scenario.run({ browser, app, runs, peerUrl: peers.url, results, log: step });
        step(`${scenario.name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      } catch (error) {
        // One failed scenario costs its own rows, not the whole run: the table says which.
        const message = error instanceof Error ? error.message : String(error);
        results.failures = { ...results.failures, [scenario.name]: message };
        // What the app showed when it failed, for whoever reads the log.
        const shot = resolve(ROOT, 'test-results', `bench-failure-${scenario.name}.png`);
        await app.page.screenshot({ path: shot }).catch(() => {});
        step(`${scenario.name} FAILED: ${message} (the page then: ${shot})`);
      }
    }
  } finally {
    await app?.close();
    await browser.close();
    await peers.close();
  }
  results.durationSec = (performance.now() - started) / 1000;
  const out = outFile(only);
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = resultsMarkdown(results);
  console.log(`\n${markdown}\n`);
  console.log(`Wrote ${out}`);
  if (base) console.log(`\nAgainst ${values.compare}:\n${compareTargets(base, results).join('\n')}`);
  let shown = markdown;
  if (only && values['into-latest']) {
    const latestFile = outFile(undefined);
    const merged = mergeRemeasured(
      JSON.parse(readFileSync(latestFile, 'utf8')) as BenchResults,
      results,
      only,
    );
    writeFileSync(latestFile, `${JSON.stringify(merged, null, 2)}\n`);
    shown = resultsMarkdown(merged);
    console.log(`Merged ${only.join(', ')} into ${latestFile}`);
  }
  if (!values['no-readme'] && (!only || values['into-latest'])) {
    writeFileSync(README, withResults(readFileSync(README, 'utf8'), shown));
    // The README is kept in Biome's Markdown format; the tables are re-padded, not changed.
    spawnSync('npx', ['biome', 'format', '--write', 'README.md'], { cwd: ROOT, stdio: 'ignore' });
    console.log(`Updated the results in README.md (between ${README_START} and ${README_END})`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
