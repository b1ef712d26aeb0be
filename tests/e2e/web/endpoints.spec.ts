import type { Page } from '@playwright/test';
import { expect, openApp, type StudioHost, test, useDemo } from './fixtures';

/**
 * The Endpoints pane against the demo workspace: the provisioned-throughput lifecycle
 * (create → ready → chat → scale → delete, surviving a reload), the server's own errors
 * (409 duplicate, a failed update) and the cost insight's break-even against the math.
 */

const MODEL = 'system.ai.meta_llama_3_1_70b_instruct';

const row = (page: Page, name: string) =>
  page.locator(`[data-testid="endpoint-row"][data-endpoint-name="${name}"]`);
const operation = (page: Page, name: string, kind: string) =>
  page.locator(`[data-testid="pt-operation"][data-endpoint-name="${name}"][data-kind="${kind}"]`);

async function openEndpoints(page: Page, studio: StudioHost, patch: Record<string, unknown> = {}) {
  await openApp(page, studio);
  // biome-ignore lint/correctness/useHookAtTopLevel: useDemo is a Playwright helper, not a React hook.
  await useDemo(page);
  await studio.configureDemo({
    ttftMs: 50,
    tokensPerSec: 400,
    ptProvisionMs: 3000,
    ptUpdateMs: 2000,
    ...patch,
  });
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
  await expect(page.getByTestId('endpoint-row').first()).toBeVisible();
}

async function createEndpoint(page: Page, name: string) {
  await page.getByRole('button', { name: 'Create provisioned endpoint' }).click();
  const dialog = page.getByTestId('create-pt-dialog');
  await expect(dialog.getByLabel('Foundation model', { exact: true })).toHaveValue(MODEL);
  await expect(dialog.getByLabel('Size', { exact: true })).toHaveValue('0');
  await expect(dialog.getByLabel('Size', { exact: true }).locator('option').first()).toHaveText(
    '1 model unit',
  );
  await dialog.getByLabel('Endpoint name').fill(name);
  await dialog.getByRole('button', { name: 'Review cost' }).click();
  // 1 unit × $6/unit-hour (the default placeholder) × 730 h.
  await expect(dialog.getByTestId('pt-confirm')).toContainText('$4,380 per month');
  if (name === 'my-llama-pt') await dialog.screenshot({ path: 'test-results/endpoints-create-dialog.png' });
  await dialog.getByRole('button', { name: 'Create endpoint' }).click();
  return dialog;
}

test('create my-llama-pt, watch it come up, chat with it, scale it and delete it', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await openEndpoints(page, studio);

  // Live name validation uses the contract's rule.
  await page.getByRole('button', { name: 'Create provisioned endpoint' }).click();
  const dialog = page.getByTestId('create-pt-dialog');
  await dialog.getByLabel('Endpoint name').fill('-bad name');
  await expect(dialog.getByTestId('pt-name-hint')).toContainText('start with a letter or digit');
  await expect(dialog.getByRole('button', { name: 'Review cost' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await createEndpoint(page, 'my-llama-pt');
  await expect(page.getByTestId('create-pt-dialog')).toBeHidden();
  const created = operation(page, 'my-llama-pt', 'create');
  await expect(created).toHaveAttribute('data-status', 'running');
  await expect(created).toContainText('not ready · config update: in progress');
  await page.screenshot({ path: 'test-results/endpoints-creating.png', fullPage: true });

  // Watching survives a reload of the app: the operation is resumed from localStorage.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(created).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(created).toContainText('ready · config update: not updating');
  const pt = row(page, 'my-llama-pt');
  await expect(pt).toHaveAttribute('data-ready', 'READY');
  await expect(pt).toContainText('provisioned throughput');
  await expect(pt.getByTestId('endpoint-size')).toHaveText('1 model unit');
  await expect(pt).toContainText(MODEL);
  await page.screenshot({ path: 'test-results/endpoints-ready.png', fullPage: true });

  // Details with the raw JSON.
  await pt.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('endpoint-raw-json')).toContainText('"provisioned_model_units": 1');
  await page.screenshot({ path: 'test-results/endpoints-details.png' });
  await page.getByTestId('endpoint-details').getByRole('button', { name: 'Close' }).click();

  // Use it: one click to a comparison, one click to a chat.
  await pt.getByRole('button', { name: 'Open in compare' }).click();
  const paneEndpoints = page.getByRole('combobox', { name: /^Endpoint for pane/ });
  await expect
    .poll(() => paneEndpoints.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value)))
    .toContain('my-llama-pt');
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
  await pt.getByRole('button', { name: 'Open in chat' }).click();
  await expect(page.getByLabel('Endpoint', { exact: true })).toHaveValue('my-llama-pt');
  await page.getByLabel('Message').fill('Say hello from my provisioned endpoint.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  // Scale to 2 units.
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
  await row(page, 'my-llama-pt').getByRole('button', { name: 'Scale' }).click();
  const scale = page.getByTestId('scale-pt-dialog');
  await scale.getByLabel('Size', { exact: true }).selectOption({ label: '2 model units' });
  await expect(scale.getByTestId('pt-estimate')).toContainText('$8,760 / month');
  await scale.getByRole('button', { name: 'Update size' }).click();
  const updated = operation(page, 'my-llama-pt', 'update');
  await expect(updated).toContainText('config update: in progress');
  await expect(updated).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(row(page, 'my-llama-pt').getByTestId('endpoint-size')).toHaveText('2 model units');
  await page.screenshot({ path: 'test-results/endpoints-scaled.png', fullPage: true });

  // Delete with a typed-name confirmation.
  await row(page, 'my-llama-pt').getByRole('button', { name: 'Delete' }).click();
  const del = page.getByTestId('delete-endpoint-dialog');
  const confirm = del.getByRole('button', { name: 'Delete endpoint' });
  await del.getByLabel('Endpoint name to delete').fill('my-llama');
  await expect(confirm).toBeDisabled();
  await del.getByLabel('Endpoint name to delete').fill('my-llama-pt');
  await confirm.click();
  await expect(operation(page, 'my-llama-pt', 'delete')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 30_000,
  });
  await expect(row(page, 'my-llama-pt')).toHaveCount(0);
});

test('a duplicate name shows the server 409 message', async ({ page, studio }) => {
  await openEndpoints(page, studio);
  const dialog = await createEndpoint(page, 'demo-llama-3-1-8b-pt');
  await expect(dialog.getByTestId('pt-create-error')).toContainText(
    "Endpoint with name 'demo-llama-3-1-8b-pt' already exists.",
  );
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/endpoints-duplicate.png' });
});

test('a failing update shows the server message', async ({ page, studio }) => {
  await openEndpoints(page, studio, { ptFailNext: { kind: 'update', message: 'Insufficient capacity.' } });
  await row(page, 'demo-llama-3-1-8b-pt').getByRole('button', { name: 'Scale' }).click();
  const scale = page.getByTestId('scale-pt-dialog');
  await scale.getByLabel('Size', { exact: true }).selectOption({ label: '3 model units' });
  await scale.getByRole('button', { name: 'Update size' }).click();
  const failed = operation(page, 'demo-llama-3-1-8b-pt', 'update');
  await expect(failed).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(failed.getByTestId('pt-operation-message')).toContainText('Insufficient capacity.');
  await page.screenshot({ path: 'test-results/endpoints-update-failed.png', fullPage: true });
});

test('the cost insight break-even matches the math for the usage log', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ ttftMs: 20, tokensPerSec: 2000 });
  // A real usage log: two answers from a priced pay-per-token endpoint.
  await page.getByLabel('Endpoint', { exact: true }).selectOption('databricks-meta-llama-3-1-70b-instruct');
  for (const text of ['Explain provisioned throughput.', 'And pay-per-token?']) {
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
  }
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
  await page.getByRole('tab', { name: 'Cost insight' }).click();
  const insight = page.getByTestId('cost-insight');
  await insight.getByLabel('Traffic of').selectOption('databricks-meta-llama-3-1-70b-instruct');
  await insight.getByLabel('Pay-per-token price of').selectOption('databricks-meta-llama-3-1-70b-instruct');
  await expect(insight.getByTestId('cost-log')).toContainText('in 2 responses');

  const value = async (id: string) => Number(await insight.getByTestId(id).getAttribute('data-value'));
  const prompt = await value('cost-log-prompt');
  const completion = await value('cost-log-completion');
  expect(prompt).toBeGreaterThan(0);
  expect(completion).toBeGreaterThan(0);
  // Hand-computed: $0.50/M in, $1.50/M out, blended by the log's own ratio; 1 unit × $6 × 730 h.
  const share = prompt / (prompt + completion);
  const perToken = (share * 0.5 + (1 - share) * 1.5) / 1e6;
  expect(await value('cost-breakeven')).toBeCloseTo(4380 / perToken, 0);
  expect(await value('cost-volume')).toBeCloseTo(((prompt + completion) * (730 / 24)) / 30, 3);
  await expect(insight.getByTestId('cost-verdict')).toContainText('Pay-per-token is cheaper');
  await expect(insight.getByTestId('cost-you-mark')).toBeVisible();

  // Hand entry: 10 M tokens at 75 % prompt with 2 units at $2.50 → $3,650 vs $7.50; 4.87 B tokens.
  await insight.getByLabel('Enter by hand').check();
  await insight.getByLabel('Tokens per month').fill('10000000');
  await insight.getByLabel('Prompt share of tokens (%)').fill('75');
  await insight.getByLabel('Model units').fill('2');
  await insight.getByLabel('$ per unit-hour').fill('2.5');
  expect(await value('cost-ppt')).toBeCloseTo(7.5, 6);
  expect(await value('cost-pt')).toBeCloseTo(3650, 6);
  expect(await value('cost-breakeven')).toBeCloseTo(3650 / 0.75e-6, 0);
  await expect(insight.getByTestId('cost-breakeven')).toHaveText('4.87B tokens / month');
  await page.screenshot({ path: 'test-results/endpoints-cost.png', fullPage: true });

  // The usage view: per day and endpoint, and a budget that is already exceeded.
  await page.getByRole('tab', { name: 'Usage' }).click();
  await expect(
    page.locator('[data-testid="usage-row"][data-endpoint-name="databricks-meta-llama-3-1-70b-instruct"]'),
  ).toContainText('2');
  const spent = Number(await page.getByTestId('budget-spent').getAttribute('data-value'));
  expect(spent).toBeGreaterThan(0);
  // 90 % of the budget used: a warning; then a budget below the spending: over.
  await page.getByLabel('Monthly budget ($)').fill(String(spent / 0.9));
  await expect(page.getByTestId('budget-alert')).toHaveAttribute('data-level', 'warn');
  await expect(page.getByTestId('budget-alert')).toContainText('90 %');
  await page.getByLabel('Monthly budget ($)').fill(String(spent / 2));
  await expect(page.getByTestId('budget-alert')).toHaveAttribute('data-level', 'over');
  await page.screenshot({ path: 'test-results/endpoints-usage.png', fullPage: true });
});
