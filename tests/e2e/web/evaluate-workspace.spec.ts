import type { Page } from '@playwright/test';
import { expect, openApp, test, useDemo } from './fixtures';

/**
 * Evaluate in the workspace against the demo: a small CSV imported, the workspace chosen, the
 * SQL of each variant shown, two variants run as ai_query statements on a SQL warehouse, every
 * row back in the grid with the same scorers, a row failing with its errorMessage; the
 * read-only volume refused in the workspace's words; a stopped warehouse started.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';

/** Five rows: country, expected; the fourth asks the demo to fail that row. */
const CSV = [
  'country,expected',
  'France,Paris',
  '"Italy, the boot",Rome',
  'Spain,Madrid',
  'Nowhere [[demo:row-error]],None',
  'Portugal,Lisbon',
].join('\n');

async function setUp(page: Page) {
  await page
    .getByLabel('Import a dataset (CSV or JSONL)')
    .setInputFiles({ name: 'capitals.csv', mimeType: 'text/csv', buffer: Buffer.from(`${CSV}\n`) });
  await expect(page.getByTestId('ev-dataset-summary')).toContainText('5 rows · 2 columns');
  await page.getByLabel('User', { exact: true }).fill("What's the capital of {{country}}? Answer in JSON.");
  await page.getByLabel('Endpoint for variant 1').selectOption(LLAMA);
  await page.getByRole('button', { name: 'Add variant' }).click();
  await page.getByLabel('Endpoint for variant 2').selectOption(DBRX);
  await page.getByLabel('Scorer kind').selectOption('contains');
  await page.getByRole('button', { name: 'Add scorer' }).click();
  await page.getByLabel('Scorer kind').selectOption('json');
  await page.getByRole('button', { name: 'Add scorer' }).click();
}

test('runs two variants in the workspace: SQL shown, every row back, a failed row with its message', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ responseText: '{"answer": "Paris"}', sqlRowMs: 50, warehouseStartMs: 1_500 });
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await setUp(page);

  await page.getByLabel(/^Workspace \(Databricks SQL\)/).check();
  const picker = page.getByLabel('SQL warehouse', { exact: true });
  await expect(picker.locator('option')).toHaveCount(2);
  await expect(page.getByTestId('ev-warehouse-state')).toHaveText('RUNNING');

  // The SQL of each variant, before it runs: the endpoint, the quoted template, the volume.
  const sql = page.getByTestId('ev-sql');
  await expect(sql).toHaveCount(2);
  const first = sql.nth(0).locator('textarea');
  await expect(first).toHaveValue(new RegExp(`ai_query\\(\\s*'${LLAMA}'`));
  await expect(first).toHaveValue(/What\\'s the capital of /);
  await expect(first).toHaveValue(/read_files\('\/Volumes\/main\/default\/evaluations\/capitals\.csv'/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .sql' }).click();
  const file = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
  expect(file).toContain(`-- Variant 2: ${DBRX}`);
  expect(file.match(/ai_query\(/g)).toHaveLength(2);

  // The read-only volume: the upload is refused in the workspace's words; nothing runs.
  await page.getByLabel('Volume path', { exact: true }).fill('/Volumes/main/default/reference/capitals.csv');
  await page.getByRole('button', { name: 'Run in the workspace' }).click();
  await expect(page.getByTestId('ev-workspace-error')).toContainText(
    "User does not have WRITE VOLUME on Volume 'main.default.reference'.",
  );
  await page.getByLabel('Volume path', { exact: true }).fill('');

  await page.getByRole('button', { name: 'Run in the workspace' }).click();
  const states = page.getByTestId('ev-ws-state');
  await expect(states).toHaveCount(2);
  await expect(states.nth(0)).toHaveText('SUCCEEDED', { timeout: 60_000 });
  await expect(states.nth(1)).toHaveText('SUCCEEDED', { timeout: 60_000 });
  await expect(page.getByTestId('ev-progress-done')).toHaveText('10 / 10 done');
  await expect(page.getByTestId('ev-progress')).toContainText('2 failed');

  const grid = page.getByTestId('ev-grid');
  await expect(grid.getByRole('button', { name: /^Row 1, variant 2, open in chat/ })).toContainText(
    '{"answer": "Paris"}',
  );
  await expect(grid.getByRole('button', { name: /^Row 4, variant 1, open in chat/ })).toContainText(
    'demo:row-error',
  );
  // The same scorers, over the four answered rows: "contains" passes on the Paris row only
  // (25%); the JSON is valid on all four (100%).
  const summary = page.getByRole('table', { name: 'Summary per variant' });
  await expect(summary.getByRole('row', { name: new RegExp(`^1\\. ${LLAMA}`) })).toContainText('25%100%');
});

test('an edited statement runs as edited; a stopped warehouse is started', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ sqlRowMs: 20, warehouseStartMs: 1_500 });
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await setUp(page);
  await page.getByLabel(/^Workspace \(Databricks SQL\)/).check();

  await page.getByLabel('SQL warehouse', { exact: true }).selectOption('a1b2c3d4e5f60002');
  await expect(page.getByTestId('ev-warehouse-state')).toHaveText('STOPPED');
  await page.getByRole('button', { name: 'Start warehouse' }).click();
  await expect(page.getByTestId('ev-warehouse-state')).toHaveText('RUNNING', { timeout: 20_000 });

  const first = page.getByTestId('ev-sql').nth(0);
  const text = await first.locator('textarea').inputValue();
  await first.locator('textarea').fill(text.replace('SELECT', 'SELEC'));
  await expect(first.getByText('edited', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Run in the workspace' }).click();
  const statuses = page.getByTestId('ev-ws-statement');
  await expect(statuses.nth(0)).toContainText('edited');
  await expect(statuses.nth(0)).toContainText('PARSE_SYNTAX_ERROR', { timeout: 30_000 });
  await expect(page.getByTestId('ev-ws-state').nth(1)).toHaveText('SUCCEEDED', { timeout: 60_000 });
});

test('reads a table and keeps the results in the workspace as a table', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ sqlRowMs: 20 });
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  // The same rows as the demo's main.default.eval_questions, imported here for the columns.
  const rows = [
    'id,question,expected',
    '1,What is a vector index?,index',
    '2,Explain rate limits in one sentence.,limit',
    '3,Write a SQL query that counts rows.,SELECT',
    '4,What is temperature in sampling?,randomness',
    '5,Name one use of embeddings.,search',
  ];
  await page.getByLabel('Import a dataset (CSV or JSONL)').setInputFiles({
    name: 'questions.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${rows.join('\n')}\n`),
  });
  await page.getByLabel('User', { exact: true }).fill('{{question}}');
  await page.getByLabel('Endpoint for variant 1').selectOption(LLAMA);
  await page.getByLabel(/^Workspace \(Databricks SQL\)/).check();
  await page.getByLabel('Read a table').check();
  await expect(page.getByLabel('Table (catalog.schema.table)')).toHaveValue('main.default.eval_questions');
  await page
    .getByLabel('Keep results in the workspace as table (optional)')
    .fill('main.default.eval_results');
  const sql = page.getByTestId('ev-sql').locator('textarea');
  await expect(sql).toHaveValue(/^CREATE TABLE `main`\.`default`\.`eval_results` AS/);
  await expect(sql).toHaveValue(/FROM `main`\.`default`\.`eval_questions`/);

  await page.getByRole('button', { name: 'Run in the workspace' }).click();
  await expect(page.getByTestId('ev-ws-state')).toHaveText('SUCCEEDED', { timeout: 60_000 });
  await expect(page.getByTestId('ev-ws-statement')).toContainText('kept in main.default.eval_results');
  await expect(page.getByTestId('ev-progress-done')).toHaveText('5 / 5 done');
  await expect(
    page.getByTestId('ev-grid').getByRole('button', { name: /^Row 5, variant 1, open in chat/ }),
  ).not.toBeEmpty();
});

test('a reload during a workspace run resumes polling; Cancel cancels the running statements', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await useDemo(page);
  // Slow rows: the statements stay RUNNING long enough to reload and to cancel.
  await studio.configureDemo({ sqlRowMs: 1_500 });
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await setUp(page);
  await page.getByLabel(/^Workspace \(Databricks SQL\)/).check();
  await page.getByRole('button', { name: 'Run in the workspace' }).click();
  // RUNNING comes from a poll, so both statements' ids are saved by then: the reload can follow them.
  await expect(page.getByTestId('ev-ws-state').nth(1)).toHaveText('RUNNING', { timeout: 30_000 });

  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  const states = page.getByTestId('ev-ws-state');
  await expect(states).toHaveCount(2);
  await expect(states.nth(0)).toHaveText('SUCCEEDED', { timeout: 60_000 });
  await expect(page.getByTestId('ev-progress-done')).toHaveText('10 / 10 done', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Run in the workspace' }).click();
  await expect(states.nth(0)).toHaveText(/PENDING|RUNNING/);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(states.nth(0)).toHaveText('CANCELED');
  await expect(states.nth(1)).toHaveText('CANCELED');
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
});
