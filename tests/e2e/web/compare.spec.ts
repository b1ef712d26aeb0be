import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, type StudioHost, test, useDemo } from './fixtures';

/**
 * Side-by-side comparison against the demo workspace: parallel streams with metrics, a
 * temperature sweep, a rate-limited pane failing alone, blind voting and the leaderboard,
 * the word diff, saved setups and the JSONL export.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';
const MIXTRAL = 'databricks-mixtral-8x7b-instruct';
const BIG = 'databricks-meta-llama-3-1-405b-instruct';

async function openCompare(page: Page, studio: StudioHost, pace = { ttftMs: 30, tokensPerSec: 1_500 }) {
  await openApp(page, studio);
  // biome-ignore lint/correctness/useHookAtTopLevel: useDemo is a Playwright helper, not a React hook.
  await useDemo(page);
  await studio.configureDemo(pace);
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(panes(page)).toHaveCount(2);
}

const panes = (page: Page) => page.getByTestId('compare-pane');

/** Sets the panes' endpoints, adding panes as needed. */
async function usePanes(page: Page, endpoints: string[]) {
  while ((await panes(page).count()) < endpoints.length)
    await page.getByRole('button', { name: 'Add pane' }).click();
  for (const [i, name] of endpoints.entries())
    await page.getByLabel(`Endpoint for pane ${i + 1}`, { exact: true }).selectOption(name);
  await expect(panes(page)).toHaveCount(endpoints.length);
}

async function sendToAll(page: Page, text: string) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send to all' }).click();
}

/** Waits until no pane streams. */
async function allSettled(page: Page) {
  await expect(page.getByRole('button', { name: 'Send to all' })).toBeVisible({ timeout: 30_000 });
}

const lastAnswer = (pane: Locator) => pane.getByTestId('pane-answer').last();

async function paneTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const pane of await panes(page).all())
    texts.push((await lastAnswer(pane).locator('.markdown').textContent()) ?? '');
  return texts;
}

async function sweep(page: Page, endpoint: string, param: string, values: string) {
  await page.getByRole('button', { name: 'Sweep', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Sweep a parameter' });
  await dialog.getByLabel('Endpoint').selectOption(endpoint);
  await dialog.getByLabel('Parameter').selectOption(param);
  await dialog.getByLabel('Values').fill(values);
  await dialog.getByRole('button', { name: 'Create panes' }).click();
  await expect(dialog).toBeHidden();
}

test('three panes stream in parallel and each shows its metrics; four panes screenshot', async ({
  page,
  studio,
}) => {
  // Slow enough that the three streams visibly overlap.
  await openCompare(page, studio, { ttftMs: 50, tokensPerSec: 60 });
  await usePanes(page, [LLAMA, DBRX, MIXTRAL]);
  await page.getByLabel('Endpoint for pane 3', { exact: true }).selectOption(MIXTRAL);
  await sendToAll(page, 'Explain how a lighthouse works.');
  // All three are streaming text at the same moment.
  for (const pane of await panes(page).all()) {
    await expect(pane).toHaveAttribute('data-status', 'streaming');
    await expect(lastAnswer(pane).locator('.markdown')).not.toBeEmpty();
  }
  await expect(page.getByRole('button', { name: 'Stop all' })).toBeVisible();
  await allSettled(page);
  for (const pane of await panes(page).all()) {
    await expect(pane).toHaveAttribute('data-status', 'done');
    const metrics = pane.getByTestId('pane-metrics');
    await expect(metrics).toContainText('TTFT');
    await expect(metrics).toContainText('tokens/s');
    await expect(metrics).toContainText(/in \/ .* out/);
    await expect(metrics).toContainText('finish_reason');
    await expect(metrics).toContainText('cost');
    await expect(pane.getByText('synthetic')).toBeVisible();
  }
  await expect(page.getByTestId('badge-fastest').first()).toBeVisible();
  await expect(page.getByTestId('badge-throughput').first()).toBeVisible();
  // LLaMA 70B and DBRX have prices, Mixtral none: one of the priced two is the cheapest.
  await expect(page.getByTestId('badge-cheapest')).not.toHaveCount(0);

  await studio.configureDemo({ ttftMs: 20, tokensPerSec: 2_000 });
  await usePanes(page, [LLAMA, DBRX, MIXTRAL, BIG]);
  await sendToAll(page, 'Now summarise it in two sentences.');
  await allSettled(page);
  await expect(page.getByTestId('pane-metrics')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/compare-4-panes.png', fullPage: true });
});

test('a temperature sweep: 0 repeats itself, 1.4 does not', async ({ page, studio }) => {
  await openCompare(page, studio);
  await sweep(page, LLAMA, 'temperature', '0, 1.4');
  await expect(panes(page)).toHaveCount(2);
  for (const pane of await panes(page).all()) await expect(pane).toHaveAttribute('data-endpoint', LLAMA);
  const prompt = 'Write a short story about a fox and a crow.';
  await sendToAll(page, prompt);
  await allSettled(page);
  const first = await paneTexts(page);
  await page.getByRole('button', { name: 'New comparison' }).click();
  await sendToAll(page, prompt);
  await allSettled(page);
  const second = await paneTexts(page);
  expect(first[0]?.length ?? 0).toBeGreaterThan(20);
  expect(second[0]).toBe(first[0]);
  expect(second[1]).not.toBe(first[1]);
  expect(first[1]).not.toBe(first[0]);
});

test('a rate-limited pane fails on its own while the others finish', async ({ page, studio }) => {
  await openCompare(page, studio);
  await studio.configureDemo({ rateLimits: { [DBRX]: { queriesPerMinute: 0 } } });
  await usePanes(page, [LLAMA, DBRX, MIXTRAL]);
  await sendToAll(page, 'Name three rivers.');
  await allSettled(page);
  const failed = page.locator(`[data-testid="compare-pane"][data-endpoint="${DBRX}"]`);
  await expect(failed.getByTestId('pane-error')).toContainText('Rate limited');
  await expect(failed).toHaveAttribute('data-status', 'error');
  for (const name of [LLAMA, MIXTRAL]) {
    const pane = page.locator(`[data-testid="compare-pane"][data-endpoint="${name}"]`);
    await expect(pane).toHaveAttribute('data-status', 'done');
    await expect(pane.getByTestId('pane-metrics')).toContainText('TTFT');
    await expect(pane.getByTestId('pane-error')).toHaveCount(0);
  }
});

test('a blind vote reveals the names and updates the leaderboard', async ({ page, studio }) => {
  await openCompare(page, studio);
  await usePanes(page, [LLAMA, DBRX]);
  await page.getByLabel('Blind mode').check();
  await sendToAll(page, 'What is a good name for a cat?');
  await allSettled(page);
  // Names hidden: no endpoint on screen, panes labelled A and B.
  await expect(panes(page).first()).not.toHaveAttribute('data-endpoint', /.+/);
  await expect(page.getByRole('heading', { name: 'Model A' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Model B' })).toBeVisible();
  await page.getByRole('button', { name: 'A is best' }).click();
  await expect(page.getByTestId('vote-result')).toBeVisible();
  const winner = (await panes(page).first().getAttribute('data-endpoint')) ?? '';
  expect([LLAMA, DBRX]).toContain(winner);
  const loser = winner === LLAMA ? DBRX : LLAMA;
  const board = page.getByTestId('leaderboard');
  await expect(board.locator(`tr[data-endpoint="${winner}"]`).getByTestId('wins')).toHaveText('1');
  await expect(board.locator(`tr[data-endpoint="${loser}"]`).getByTestId('losses')).toHaveText('1');
  // A tie counts for both.
  await sendToAll(page, 'And a name for a dog?');
  await allSettled(page);
  await page.getByRole('button', { name: 'Tie' }).click();
  await expect(board.locator(`tr[data-endpoint="${winner}"]`).getByTestId('ties')).toHaveText('1');
  await expect(board.locator(`tr[data-endpoint="${loser}"]`).getByTestId('ties')).toHaveText('1');
  await expect(board).toContainText('2 blind votes');
});

test('the diff shows the words that changed between two answers', async ({ page, studio }) => {
  await openCompare(page, studio);
  await sweep(page, LLAMA, 'max_tokens', '24, 64');
  await sendToAll(page, 'Describe the sea at night.');
  await allSettled(page);
  await page.getByText('Diff two answers').click();
  await page.getByLabel('Diff from').selectOption({ index: 0 });
  await page.getByLabel('Diff to').selectOption({ index: 1 });
  const diff = page.getByTestId('diff-view');
  await expect(diff.locator('ins').first()).toBeVisible();
  const texts = await paneTexts(page);
  // The diff is of the answers' Markdown; the panes show it rendered: compare letters only.
  const letters = (t: string) => t.replace(/[^A-Za-z0-9]/g, '');
  const inserted = (await diff.locator('ins').allTextContents()).join(' ').split(/\s+/);
  const word = inserted.find((w) => /[A-Za-z]{3,}/.test(w)) ?? '';
  expect(word).not.toBe('');
  expect(letters(texts[1] ?? '')).toContain(letters(word));
  // Same endpoint, same temperature-free prompt: the short answer is the long one's start,
  // so nothing is removed; against a different model words are removed too.
  await page.getByLabel('Endpoint for pane 2', { exact: true }).selectOption(DBRX);
  await sendToAll(page, 'Describe the sea at night.');
  await allSettled(page);
  await expect(diff.locator('del').first()).toBeVisible();
  await expect(diff.locator('ins').first()).toBeVisible();
});

test('a saved setup reloads, and the last setup survives a reload', async ({ page, studio }) => {
  await openCompare(page, studio);
  await usePanes(page, [MIXTRAL, BIG, DBRX]);
  await page.getByRole('button', { name: 'Parameters for pane 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Parameters for pane 2' });
  await dialog.getByLabel('Inherit shared parameters').uncheck();
  await dialog.getByLabel('Temperature', { exact: true }).fill('0.3');
  await dialog.getByLabel('Temperature', { exact: true }).blur();
  await expect(dialog.getByLabel('Temperature', { exact: true })).toHaveValue('0.3');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(panes(page).nth(1).getByTestId('pane-params-kind')).toHaveText('own');
  await page.getByLabel('Setup name').fill('trio');
  await page.getByRole('button', { name: 'Save setup' }).click();
  await expect(page.getByLabel('Saved setups')).toContainText('trio (3 panes)');

  await page.getByRole('button', { name: 'Remove pane 3' }).click();
  await page.getByLabel('Endpoint for pane 1', { exact: true }).selectOption(LLAMA);
  await expect(panes(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Load setup' }).click();
  await expect(panes(page)).toHaveCount(3);
  const endpoints = async () =>
    Promise.all((await panes(page).all()).map((p) => p.getAttribute('data-endpoint')));
  expect(await endpoints()).toEqual([MIXTRAL, BIG, DBRX]);
  await expect(panes(page).nth(1).getByTestId('pane-params-kind')).toHaveText('own');

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(panes(page)).toHaveCount(3);
  expect(await endpoints()).toEqual([MIXTRAL, BIG, DBRX]);
  await page.getByRole('button', { name: 'Parameters for pane 2' }).click();
  await expect(page.getByRole('dialog').getByLabel('Temperature', { exact: true })).toHaveValue('0.3');
});

test('a comparison is saved, reopens, and exports one JSONL line per pane', async ({ page, studio }) => {
  await openCompare(page, studio);
  await usePanes(page, [LLAMA, DBRX, MIXTRAL]);
  await page.getByLabel('System prompt (every pane)').fill('Answer briefly.');
  await sendToAll(page, 'Give me a haiku about rain.');
  await allSettled(page);
  const texts = await paneTexts(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSONL' }).click(),
  ]);
  const lines = readFileSync((await download.path()) ?? '', 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines).toHaveLength(3);
  const rows = lines.map((l) => JSON.parse(l));
  expect(rows.map((r) => r.endpoint)).toEqual([LLAMA, DBRX, MIXTRAL]);
  for (const [i, r] of rows.entries()) {
    expect(r.prompt).toEqual({ system: 'Answer briefly.', user: 'Give me a haiku about rain.' });
    expect(r.output.length).toBeGreaterThan(0);
    // The output is the answer's Markdown; the pane shows it rendered.
    const letters = (t: string) => t.replace(/[^A-Za-z0-9]/g, '');
    expect(letters(texts[i] ?? '')).toContain(letters(r.output).slice(0, 30));
    expect(r.finish_reason).toBeTruthy();
    expect(typeof r.metrics.ttft_ms).toBe('number');
    expect(typeof r.metrics.completion_tokens).toBe('number');
    expect(r.parameters).toEqual({});
    expect(r.synthetic).toBe(true);
  }

  await page.getByRole('button', { name: 'New comparison' }).click();
  await expect(page.getByTestId('pane-answer')).toHaveCount(0);
  await page.getByText(/Saved comparisons/).click();
  await page.getByRole('button', { name: 'Open Give me a haiku about rain.' }).click();
  await expect(page.getByTestId('pane-answer')).toHaveCount(3);
  await expect(page.getByTestId('pane-metrics')).toHaveCount(3);

  // A reload brings the comparison on screen back with its answers, as a chat does.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compare', level: 2 })).toBeVisible();
  await expect(page.getByTestId('pane-answer')).toHaveCount(3);
  expect(await paneTexts(page)).toEqual(texts);
});
