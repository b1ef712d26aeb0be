import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, type StudioHost, test, useDemo } from './fixtures';

/**
 * The embedding-comparison pane against the demo workspace: heatmaps per model where related
 * texts score higher, the cache, query rankings that differ between models, export, and a
 * 500-text run that leaves the page responsive.
 */

const BGE = 'databricks-bge-large-en';
const GTE = 'databricks-gte-large-en';

/** Three texts about cats (0–2), three about investing (3–5). */
const TEXTS = [
  'Cats are curious pets that love to nap in the sun.',
  'A kitten chases a ball of yarn across the floor.',
  'Feline pets like a warm windowsill, as every cat owner knows.',
  'The stock market rallied as investors bought tech shares.',
  'Investing in index funds is a long term strategy.',
  'Bonds pay investors a fixed interest rate in a calm market.',
];

async function openEmbeddings(page: Page, studio: StudioHost): Promise<void> {
  await openApp(page, studio);
  // biome-ignore lint/correctness/useHookAtTopLevel: useDemo is a Playwright helper, not a React hook.
  await useDemo(page);
  // The demo delays embeddings by ttftMs / 4; no delay keeps the tests quick.
  await studio.configureDemo({ ttftMs: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Embeddings' }).click();
  await expect(page.getByTestId('embeddings-pane')).toBeVisible();
}

async function embed(page: Page, texts: string[], endpoints: string[], query = ''): Promise<void> {
  await page.getByLabel('Texts').fill(texts.join('\n'));
  await page.getByLabel('Query').fill(query);
  for (const name of endpoints) await page.getByRole('checkbox', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
}

const heatmap = (page: Page, endpoint: string) =>
  page.locator(`[data-testid="heatmap"][data-endpoint="${endpoint}"]`);

/** A model's similarity matrix, read from the table rendered for screen readers. */
async function matrixOf(page: Page, endpoint: string): Promise<number[][]> {
  const cells = heatmap(page, endpoint).locator('[data-testid="similarity-table"] td');
  const values = await cells.evaluateAll((tds) =>
    tds.map((td) => [
      Number(td.getAttribute('data-i')),
      Number(td.getAttribute('data-j')),
      Number(td.getAttribute('data-value')),
    ]),
  );
  const n = Math.sqrt(values.length);
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(Number.NaN));
  for (const [i, j, v] of values) (matrix[i as number] as number[])[j as number] = v as number;
  return matrix;
}

/** The whole pane: the window is made tall enough first, as the pane scrolls inside the app. */
async function screenshotPane(page: Page, path: string): Promise<void> {
  const pane = page.getByTestId('embeddings-pane');
  const height = await pane.evaluate((el) => Math.ceil(el.scrollHeight) + 120);
  await page.setViewportSize({ width: 1280, height: Math.max(800, height) });
  await pane.screenshot({ path });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('six texts on BGE and GTE: two heatmaps where related texts score higher, then served from cache', async ({
  page,
  studio,
}) => {
  await openEmbeddings(page, studio);
  // Both ready embedding endpoints are ticked on arrival: Embed works without ticking anything.
  for (const name of [BGE, GTE])
    await expect(page.getByRole('checkbox', { name: new RegExp(name) })).toBeChecked();
  await embed(page, TEXTS, []);
  await expect(heatmap(page, BGE)).toBeVisible();
  await expect(heatmap(page, GTE)).toBeVisible();
  await expect(page.getByTestId('heatmap')).toHaveCount(2);
  // The colour scale is absolute, up to the diagonal's 1.0.
  await expect(heatmap(page, BGE).locator('figcaption')).toContainText('1.0');

  for (const endpoint of [BGE, GTE]) {
    const m = await matrixOf(page, endpoint);
    expect(m).toHaveLength(6);
    const related: number[] = [];
    const unrelated: number[] = [];
    for (let i = 0; i < 6; i++)
      for (let j = i + 1; j < 6; j++) (i < 3 === j < 3 ? related : unrelated).push(m[i]?.[j] as number);
    // Every related pair beats every unrelated one, not just on average.
    expect(Math.min(...related)).toBeGreaterThan(Math.max(...unrelated));
    expect(mean(related)).toBeGreaterThan(mean(unrelated) + 0.1);
  }
  const stats = page.locator(`[data-testid="model-stats"][data-endpoint="${BGE}"]`);
  await expect(stats).toContainText('1024');
  await expect(page.getByTestId('cache-stats')).toContainText(`${BGE}: 0 of 6 from cache`);

  // Hover a cell: the tooltip names both texts and the value.
  const canvas = heatmap(page, BGE).locator('canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('heatmap canvas has no box');
  await page.mouse.move(box.x + (box.width * 1.5) / 6, box.y + (box.height * 0.5) / 6);
  const tooltip = heatmap(page, BGE).getByTestId('heatmap-tooltip');
  await expect(tooltip).toContainText('Cats are curious');
  await expect(tooltip).toContainText('A kitten chases');
  await expect(tooltip).toContainText(/0\.\d{3}/);
  await screenshotPane(page, 'test-results/embeddings.png');

  // Second run: nothing goes to the network.
  await page.mouse.move(0, 0);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  await expect(page.getByTestId('cache-stats')).toContainText(`${BGE}: 6 of 6 from cache`);
  await expect(page.getByTestId('cache-stats')).toContainText(`${GTE}: 6 of 6 from cache`);
  await expect(page.getByTestId('heatmap')).toHaveCount(2);

  // Clearing the cache empties it.
  await page.getByRole('button', { name: /Clear cache/ }).click();
  await expect(page.getByRole('button', { name: /Clear cache/ })).toBeDisabled();
});

test('the query ranking differs between BGE and GTE, with rank changes marked', async ({ page, studio }) => {
  await openEmbeddings(page, studio);
  // Checked against the demo's models: BGE puts the feline text first, GTE the bonds text.
  await embed(page, TEXTS, [BGE, GTE], 'feline interest');
  const ranking = (endpoint: string) =>
    page.locator(`[data-testid="query-ranking"][data-endpoint="${endpoint}"] li`);
  await expect(ranking(BGE)).toHaveCount(6);
  await expect(ranking(GTE)).toHaveCount(6);
  const order = (endpoint: string) =>
    ranking(endpoint).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-index')));
  const bge = await order(BGE);
  const gte = await order(GTE);
  expect(bge[0]).toBe('2');
  expect(gte[0]).toBe('5');
  expect(gte).not.toEqual(bge);
  // The bonds text moved up in GTE compared with BGE (the reference, first ticked).
  await expect(ranking(GTE).first()).toContainText(/↑\d/);
  await expect(ranking(BGE).locator('.emb-move')).toHaveCount(0);
  await expect(page.getByTestId('agreement')).toContainText('ρ =');
  await expect(page.getByTestId('agreement').getByTestId('disagreement').first()).toBeVisible();
  await screenshotPane(page, 'test-results/embeddings-query.png');
});

test('Export JSON downloads texts, vectors and similarity matrices per model', async ({ page, studio }) => {
  await openEmbeddings(page, studio);
  await embed(page, TEXTS, [BGE, GTE], 'feline interest');
  await expect(page.getByTestId('heatmap')).toHaveCount(2);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^embeddings-comparison-.*\.json$/);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(json.format).toBe('serving-studio.embeddings-comparison');
  expect(json.texts).toEqual(TEXTS);
  expect(json.query).toBe('feline interest');
  expect(json.models.map((m: { endpoint: string }) => m.endpoint)).toEqual([BGE, GTE]);
  for (const m of json.models) {
    expect(m.dimension).toBe(1024);
    expect(m.vectors).toHaveLength(6);
    expect(m.vectors[0]).toHaveLength(1024);
    expect(m.similarity).toHaveLength(6);
    expect(m.similarity[0]).toHaveLength(6);
    expect(m.similarity[2][2]).toBeCloseTo(1, 4);
    expect(m.queryScores).toHaveLength(6);
  }
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const lines = readFileSync(await csv.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('endpoint,index,text,s0,s1,s2,s3,s4,s5');
  expect(lines).toHaveLength(13);
});

test('500 texts × 1024 dimensions on two models keep the page responsive', async ({ page, studio }) => {
  test.setTimeout(180_000);
  await openEmbeddings(page, studio);
  const words = ['cat', 'kitten', 'stock', 'bond', 'rain', 'pizza', 'guitar', 'doctor', 'flight', 'atom'];
  const texts = Array.from(
    { length: 500 },
    (_, k) => `Text ${k} about ${words[k % 10]} and ${words[(k * 7) % 10]}.`,
  );
  // Long tasks (> 50 ms on the main thread), as Chromium reports them.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  // Imported as a .txt file, the way a long list arrives. (Typing 500 lines with
  // Playwright's fill blocks Chromium's editor for seconds, which would measure the harness.)
  await page
    .getByLabel('Import .txt or .csv')
    .setInputFiles({ name: 'texts.txt', mimeType: 'text/plain', buffer: Buffer.from(texts.join('\n')) });
  await expect(page.getByTestId('text-count')).toHaveText('500 texts');
  for (const name of [BGE, GTE]) await page.getByRole('checkbox', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  await expect(heatmap(page, BGE)).toHaveAttribute('data-count', '500', { timeout: 120_000 });
  await expect(heatmap(page, GTE)).toBeVisible();
  const computeMs = Number(await page.getByTestId('compute-time').getAttribute('data-ms'));
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const longest = Math.max(0, ...longTasks);
  console.info(
    `500×1024 ×2 models: analysis ${computeMs.toFixed(0)} ms in the worker; longest main-thread task ${longest.toFixed(0)} ms (${longTasks.length} long tasks)`,
  );
  expect(computeMs).toBeGreaterThan(0);
  // The math ran in the worker: no main-thread block came near the time it took.
  expect(longest).toBeLessThan(computeMs);
  await expect(page.getByTestId('cache-stats')).toContainText(`${BGE}: 0 of 500 from cache`);
  await screenshotPane(page, 'test-results/embeddings-500.png');
});
