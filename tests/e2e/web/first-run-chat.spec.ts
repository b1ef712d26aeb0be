import { expect, openApp, test, useDemo } from './fixtures';

/**
 * The main path of a new user: first run → demo workspace → endpoints listed → a chat that
 * streams a markdown answer with metrics → Stop keeps the partial answer.
 */

test('first run offers the demo workspace and lists its endpoints', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
  const rows = page.getByTestId('endpoint-row');
  await expect(rows.first()).toBeVisible();
  const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-endpoint-name')));
  expect(names).toEqual(
    expect.arrayContaining([
      'databricks-meta-llama-3-1-70b-instruct',
      'databricks-dbrx-instruct',
      'databricks-bge-large-en',
      'databricks-gte-large-en',
      'demo-llama-3-1-8b-pt',
    ]),
  );
  const pt = page.locator('[data-testid="endpoint-row"][data-endpoint-name="demo-llama-3-1-8b-pt"]');
  await expect(pt).toContainText(/provisioned/i);
  const ppt = page.locator(
    '[data-testid="endpoint-row"][data-endpoint-name="databricks-meta-llama-3-1-70b-instruct"]',
  );
  await expect(ppt).toContainText(/pay-per-token/i);
  await expect(ppt).toContainText(/chat/i);
});

test('a chat streams a markdown answer with metrics, labelled synthetic', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  // The demo workspace starts when chosen; only then can its pace be set.
  await studio.configureDemo({ ttftMs: 100, tokensPerSec: 400 });
  await page.getByLabel('Endpoint').selectOption('databricks-meta-llama-3-1-70b-instruct');
  await page.getByLabel('Message').fill('Explain quantum computing in simple terms.');
  await page.getByRole('button', { name: 'Send' }).click();

  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('user-message').last()).toContainText('Explain quantum computing');
  // Rendered markdown, not raw text: the demo answers use headings, lists and code blocks.
  await expect(answer.locator('h1, h2, h3').first()).toBeVisible();
  await expect(answer.locator('pre code').first()).toBeVisible();
  await expect(answer.getByTestId('synthetic-badge')).toBeVisible();
  const metrics = answer.getByTestId('message-metrics');
  await expect(metrics).toContainText(/TTFT/i);
  await expect(metrics).toContainText(/tok\/s|tokens\/s/i);
  await answer.screenshot({ path: 'test-results/streamed-answer.png' });
  await page.screenshot({ path: 'test-results/chat.png', fullPage: true });
});

test('Stop keeps the partial answer and marks it stopped', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ ttftMs: 50, tokensPerSec: 15 });
  await page.getByLabel('Endpoint').selectOption('databricks-meta-llama-3-1-70b-instruct');
  await page.getByLabel('Message').fill('Write a story about a lighthouse.');
  await page.getByLabel('Message').press('Enter');

  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect
    .poll(async () => (await answer.textContent())?.length ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(answer).toHaveAttribute('data-status', 'stopped');
  const atStop = await answer.textContent();
  expect(atStop).toMatch(/Stopped/);
  // Nothing more arrives and nothing is removed after Stop.
  await page.waitForTimeout(1_000);
  expect(await answer.textContent()).toBe(atStop);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('the first answer of a new conversation is on screen and followed while it streams', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await useDemo(page);
  // Long enough (~20 s) that a loaded machine is still mid-answer after the checks below.
  await studio.configureDemo({ ttftMs: 50, tokensPerSec: 1_000, responseTokens: 20_000 });
  await page.getByLabel('Endpoint').selectOption('databricks-meta-llama-3-1-70b-instruct');
  await page.getByLabel('Message').fill('Write a very long essay about lighthouses.');
  await page.getByLabel('Message').press('Enter');

  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect
    .poll(async () => (await answer.textContent())?.length ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(3_000);
  // Still streaming: the conversation is visible (not held hidden by the list) and the view
  // keeps the growing end of the answer on screen.
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect(page.getByTestId('user-message')).toBeVisible();
  await expect(answer).toBeVisible();
  await expect(answer).toBeInViewport();
  const scroller = page.getByRole('log', { name: 'Conversation' });
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(60);
  await page.getByRole('button', { name: 'Stop' }).click();
});
