import type { Page } from '@playwright/test';
import { expect, openApp, type StudioHost, test, useDemo } from './fixtures';

/**
 * Evaluate against the demo workspace: a CSV imported, its columns checked against the
 * template, two variants run here, scored (contains, JSON valid), the grid and summary, the
 * exports, a row opened in chat; a reload in the middle of a run resumes it; and a rate
 * limit slows a run down without failing it.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';

/** A CSV of `n` rows: country, expected (Paris for even rows, Rome for odd). */
function csv(n: number): string {
  const lines = ['country,expected'];
  for (let i = 0; i < n; i += 1) lines.push(i % 2 === 0 ? `France ${i},Paris` : `"Italy, ${i}",Rome`);
  return `${lines.join('\n')}\n`;
}

async function openEvaluate(
  page: Page,
  studio: StudioHost,
  config: Parameters<StudioHost['configureDemo']>[0],
) {
  await openApp(page, studio);
  // biome-ignore lint/correctness/useHookAtTopLevel: useDemo is a Playwright helper, not a React hook.
  await useDemo(page);
  await studio.configureDemo(config);
  await page.getByRole('navigation').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Evaluate' })).toBeVisible();
}

async function importCsv(page: Page, rows: number) {
  await page
    .getByLabel('Import a dataset (CSV or JSONL)')
    .setInputFiles({ name: 'capitals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(rows)) });
  await expect(page.getByTestId('ev-dataset-summary')).toContainText(`${rows} rows · 2 columns`);
}

test('imports a CSV, runs two variants here, scores, exports and opens a row in chat', async ({
  page,
  studio,
}) => {
  await openEvaluate(page, studio, { ttftMs: 10, tokensPerSec: 2_000, responseText: '{"answer": "Paris"}' });

  // A malformed file is refused with its line; nothing is imported.
  await page
    .getByLabel('Import a dataset (CSV or JSONL)')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,4,5\n') });
  await expect(page.getByTestId('ev-import-error')).toContainText('Line 3: 3 fields, but the header has 2.');

  await importCsv(page, 6);
  await expect(page.getByRole('table', { name: 'Dataset preview' }).getByRole('row')).toHaveCount(6);

  // An unknown variable is named, and Run waits for it.
  await page.getByLabel('User', { exact: true }).fill('What is the capital of {{land}}? Answer in JSON.');
  await expect(page.getByTestId('ev-run-problem')).toContainText('Unknown variable {{land}}');
  await expect(page.getByRole('button', { name: 'Run here' })).toBeDisabled();
  await page.getByLabel('User', { exact: true }).fill('What is the capital of {{country}}? Answer in JSON.');
  await expect(page.getByTestId('ev-run-problem')).toBeHidden();

  await page.getByLabel('Endpoint for variant 1').selectOption(LLAMA);
  await page.getByRole('button', { name: 'Add variant' }).click();
  await page.getByLabel('Endpoint for variant 2').selectOption(DBRX);

  await page.getByLabel('Scorer kind').selectOption('contains');
  await page.getByRole('button', { name: 'Add scorer' }).click();
  await page.getByLabel('Scorer kind').selectOption('json');
  await page.getByRole('button', { name: 'Add scorer' }).click();

  await page.getByRole('button', { name: 'Run here' }).click();
  await expect(page.getByTestId('ev-progress-done')).toHaveText('12 / 12 done', { timeout: 30_000 });
  await expect(page.getByText('Finished')).toBeVisible();

  const grid = page.getByTestId('ev-grid');
  await expect(grid.getByRole('button', { name: /^Row 1, variant 2, open in chat/ })).toContainText(
    '{"answer": "Paris"}',
  );
  const summary = page.getByRole('table', { name: 'Summary per variant' });
  // Contains "Paris" passes on the three Paris rows of six; the JSON is valid everywhere.
  await expect(summary.getByRole('row', { name: new RegExp(`^1\\. ${LLAMA}`) })).toContainText('50%');
  await expect(summary.getByRole('row', { name: new RegExp(`^2\\. ${DBRX}`) })).toContainText('100%');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV', exact: true }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString('utf8').trim().split(/\r?\n/);
  expect(lines[0]).toContain('score: Contains');
  expect(lines).toHaveLength(13);

  const mlflow = page.waitForEvent('download');
  await page.getByRole('button', { name: 'MLflow dataset' }).click();
  const record = JSON.parse(
    Buffer.concat(await (await (await mlflow).createReadStream()).toArray())
      .toString('utf8')
      .split('\n')[0] ?? '',
  );
  expect(record).toMatchObject({
    inputs: { country: 'France 0' },
    outputs: { response: '{"answer": "Paris"}' },
    expectations: { expected_response: 'Paris' },
  });

  // A second run of the same setup, compared with the first: both summaries side by side.
  await page.getByRole('button', { name: 'Run here' }).click();
  await expect(page.getByTestId('ev-progress-done')).toHaveText('12 / 12 done', { timeout: 30_000 });
  await expect(page.getByRole('list').filter({ hasText: 'capitals.csv' }).getByRole('listitem')).toHaveCount(
    2,
  );
  const other = page.getByLabel('Compare with another run');
  await other.selectOption({ index: 1 });
  await expect(page.getByRole('table', { name: 'Summary of the other run' })).toContainText('50%');

  await grid.getByRole('button', { name: /^Row 2, variant 1, open in chat/ }).click();
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue(
    'What is the capital of Italy, 1? Answer in JSON.',
  );
});

test('a reload in the middle of a run shows it paused, and Resume finishes only the rest', async ({
  page,
  studio,
}) => {
  await openEvaluate(page, studio, { ttftMs: 200, tokensPerSec: 40, responseTokens: 20 });
  await importCsv(page, 24);
  await page.getByLabel('User', { exact: true }).fill('Capital of {{country}}?');
  await page.getByLabel('Endpoint for variant 1').selectOption(LLAMA);
  await page.getByRole('button', { name: 'Run here' }).click();
  await expect(page.getByTestId('ev-progress-done')).toContainText(/^[4-9] \/ 24|^1\d \/ 24/, {
    timeout: 30_000,
  });

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('ev-paused')).toBeVisible();
  const before = Number((await page.getByTestId('ev-progress-done').textContent())?.split(' ')[0]);
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(24);

  await studio.configureDemo({ ttftMs: 10, tokensPerSec: 2_000 });
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('ev-progress-done')).toHaveText('24 / 24 done', { timeout: 30_000 });
  await expect(page.getByText('Finished')).toBeVisible();
});

test('a rate limit slows the run down (429, Retry-After) without failing a row', async ({ page, studio }) => {
  await openEvaluate(page, studio, {
    ttftMs: 10,
    tokensPerSec: 2_000,
    rateLimits: { [LLAMA]: { queriesPerSecond: 3 } },
  });
  await importCsv(page, 16);
  await page.getByLabel('User', { exact: true }).fill('Capital of {{country}}?');
  await page.getByLabel('Endpoint for variant 1').selectOption(LLAMA);
  await page.getByRole('button', { name: 'Run here' }).click();
  await expect(page.getByTestId('ev-limits')).toContainText('rate-limited', { timeout: 30_000 });
  await expect(page.getByTestId('ev-progress-done')).toHaveText('16 / 16 done', { timeout: 60_000 });
  await expect(page.getByTestId('ev-progress')).not.toContainText('failed');
});
