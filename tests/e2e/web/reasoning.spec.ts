import type { Locator, Page } from '@playwright/test';
import { useDemo as enterDemo, expect, openApp, type StudioHost, test } from './fixtures';

/**
 * Today's models against the demo workspace: Claude's thinking budget and its signed
 * reasoning kept across turns, GPT OSS's reasoning effort, a reasoning model beside a plain
 * one in compare, the support agent's tool call, GPT-5.5 over the Responses API, and the
 * capability badges in the pickers.
 */

const CLAUDE = 'databricks-claude-sonnet-4-6';
const GPT_OSS = 'databricks-gpt-oss-120b';
const GPT_55 = 'databricks-gpt-5-5';
const LLAMA = 'databricks-meta-llama-3-3-70b-instruct';
const AGENT = 'demo-support-agent';

const FAST = { ttftMs: 30, tokensPerSec: 1_500 };

async function openChat(page: Page, studio: StudioHost, endpoint: string, pace = FAST) {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(pace);
  await page.getByLabel('Endpoint').selectOption(endpoint);
}

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const answers = (page: Page) => page.getByTestId('assistant-message');

async function lastDone(page: Page): Promise<Locator> {
  const answer = answers(page).last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return answer;
}

/** Opens the parameters panel (once) and sets a numeric parameter. */
async function setNumber(page: Page, label: string, value: string) {
  const panel = page.getByTestId('params-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Parameters' }).click();
  await panel.getByLabel(label, { exact: true }).fill(value);
  await panel.getByLabel(label, { exact: true }).blur();
}

async function setEffort(page: Page, effort: string) {
  const panel = page.getByTestId('params-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Parameters' }).click();
  await panel.getByLabel('Reasoning effort').selectOption(effort);
}

/** The request body View request shows. */
async function viewRequest(page: Page): Promise<{ url: string; body: Record<string, unknown> }> {
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  const url = (await dialog.getByTestId('request-url').textContent()) ?? '';
  const body = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '{}');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return { url, body };
}

/** "N reasoning + M answer tokens" from an answer's metrics line. */
async function reasoningTokens(answer: Locator): Promise<number> {
  const metrics = answer.getByTestId('message-metrics');
  await expect(metrics).toContainText('reasoning +');
  const text = (await metrics.textContent()) ?? '';
  return Number(/([\d,]+) reasoning \+/.exec(text)?.[1]?.replace(/,/g, '') ?? Number.NaN);
}

test('the picker shows what each endpoint can do, and the panel only the reasoning control it takes', async ({
  page,
  studio,
}) => {
  await openChat(page, studio, CLAUDE);
  const badges = page.getByTestId('capability-badges').first();
  await expect(badges.locator('[data-capability]')).toHaveText(['Reasoning', 'Vision', 'Tools', '200k']);
  await page.getByRole('button', { name: 'Parameters' }).click();
  const panel = page.getByTestId('params-panel');
  await expect(panel.getByLabel('Thinking budget', { exact: true })).toHaveValue('');
  await expect(panel.getByLabel('Reasoning effort')).toHaveCount(0);

  await page.getByLabel('Endpoint').selectOption(GPT_OSS);
  await expect(panel.getByLabel('Thinking budget', { exact: true })).toHaveCount(0);
  await expect(panel.getByLabel('Reasoning effort').locator('option')).toHaveText([
    'Unset',
    'low',
    'medium',
    'high',
  ]);

  await page.getByLabel('Endpoint').selectOption(LLAMA);
  await expect(panel.getByLabel('Reasoning effort')).toHaveCount(0);
  await expect(badges.locator('[data-capability]')).toHaveText(['Tools', '128k']);

  await page.getByLabel('Endpoint').selectOption(AGENT);
  await expect(badges).toContainText('Agent');
  await page.getByLabel('Endpoint').selectOption(GPT_55);
  await expect(badges).toContainText('Responses API');
  await page.getByLabel('Message').fill('Hello');
  const { url, body } = await viewRequest(page);
  expect(url).toMatch(/\/serving-endpoints\/responses$/);
  expect(body).toEqual({
    model: GPT_55,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }],
    stream: true,
  });
});

test('Claude with a thinking budget: Thinking streams first, collapses, and goes back signed on the next turn', async ({
  page,
  studio,
}) => {
  // Slow enough that the reasoning visibly streams before the answer.
  await openChat(page, studio, CLAUDE, { ttftMs: 50, tokensPerSec: 80 });
  await expect(page.getByTestId('capability-badges').first()).toContainText('Reasoning');
  await setNumber(page, 'Max tokens', '4000');
  await setNumber(page, 'Thinking budget', '2000');
  // What the page showed first, recorded as it happens (a loaded machine may run the checks
  // after the answer has started, so the order is not judged by polling afterwards).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      const last = [...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1);
      const thinking = last?.querySelector<HTMLDetailsElement>('[data-testid="thinking"]');
      if (thinking && !seen.some((s) => s.startsWith('thinking')))
        seen.push(`thinking:${thinking.open ? 'open' : 'closed'}:${thinking.dataset.state}`);
      if (last?.querySelector('[data-testid="answer-text"]') && !seen.includes('answer')) seen.push('answer');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await send(page, 'Why is the sky blue?');

  const answer = answers(page).last();
  const thinking = answer.getByTestId('thinking');
  await expect(thinking).toBeVisible();

  await lastDone(page);
  // Reasoning came first, open and still thinking, before any answer text existed.
  expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([
    'thinking:open:thinking',
    'answer',
  ]);
  await expect(answer.getByTestId('answer-text')).toBeVisible();
  await expect(thinking).toHaveJSProperty('open', false);
  await expect(answer.getByTestId('thinking-summary')).toContainText(/\d+ words/);
  // The user's toggle wins.
  await answer.getByTestId('thinking-summary').click();
  await expect(thinking).toHaveJSProperty('open', true);
  await expect(thinking.getByRole('button', { name: /Copy thinking/ })).toBeVisible();

  await page.getByLabel('Message').fill('And at sunset?');
  const { body } = await viewRequest(page);
  const messages = body.messages as { role: string; content: unknown }[];
  expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 2000 });
  const previous = messages[1]?.content as { type: string; summary?: { signature?: string }[] }[];
  expect(messages[1]?.role).toBe('assistant');
  expect(previous[0]?.type).toBe('reasoning');
  expect(previous[0]?.summary?.[0]?.signature).toMatch(/\S/);
  expect(previous.at(-1)?.type).toBe('text');

  // The model refuses reasoning sent back with a missing or changed signature: a second
  // answer proves it went back intact.
  await page.getByRole('button', { name: 'Send' }).click();
  const second = await lastDone(page);
  await expect(second.getByTestId('answer-text')).toBeVisible();
  await expect(second.getByTestId('message-error')).toHaveCount(0);
});

test('a thinking budget not below max_tokens is refused with its reason', async ({ page, studio }) => {
  await openChat(page, studio, CLAUDE);
  await setNumber(page, 'Max tokens', '1500');
  await setNumber(page, 'Thinking budget', '2000');
  await expect(page.getByTestId('params-panel').getByTestId('param-error')).toContainText('below max_tokens');
  await page.getByLabel('Message').fill('Hello');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  // A model without a thinking budget shows no such field, and sends none.
  await page.getByLabel('Endpoint').selectOption(LLAMA);
  await expect(page.getByTestId('params-panel').getByLabel('Thinking budget', { exact: true })).toHaveCount(
    0,
  );
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  expect((await viewRequest(page)).body).not.toHaveProperty('thinking');
});

test('GPT OSS: high reasoning effort spends more reasoning tokens than low', async ({ page, studio }) => {
  await openChat(page, studio, GPT_OSS);
  await page.getByRole('button', { name: 'Parameters' }).click();
  const select = page.getByTestId('params-panel').getByLabel('Reasoning effort');
  await expect(select.locator('option')).toHaveText(['Unset', 'low', 'medium', 'high']);
  await setEffort(page, 'low');
  await send(page, 'Explain how tides work.');
  const low = await reasoningTokens(await lastDone(page));
  await setEffort(page, 'high');
  expect((await viewRequest(page)).body.reasoning_effort).toBe('high');
  await answers(page).last().getByRole('button', { name: 'Regenerate' }).click();
  const high = await reasoningTokens(await lastDone(page));
  expect(high).toBeGreaterThan(low);
});

test('compare: the reasoning pane shows Thinking, the plain one does not', async ({ page, studio }) => {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(FAST);
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  const panes = page.getByTestId('compare-pane');
  await page.getByLabel('Endpoint for pane 1', { exact: true }).selectOption(GPT_OSS);
  await page.getByLabel('Endpoint for pane 2', { exact: true }).selectOption(LLAMA);
  await expect(panes.nth(0).getByTestId('capability-badges')).toContainText('Reasoning');
  await expect(panes.nth(1).getByTestId('capability-badges')).not.toContainText('Reasoning');
  await page.getByLabel('Message', { exact: true }).fill('Name three rivers.');
  await page.getByRole('button', { name: 'Send to all' }).click();
  await expect(page.getByRole('button', { name: 'Send to all' })).toBeVisible({ timeout: 30_000 });
  await expect(panes.nth(0).getByTestId('thinking')).toBeVisible();
  await expect(panes.nth(1).getByTestId('thinking')).toHaveCount(0);
  await expect(panes.nth(0).getByTestId('pane-metrics')).toContainText('reasoning +');
  await expect(panes.nth(1).getByTestId('pane-metrics')).not.toContainText('reasoning');
});

test('the support agent shows its tool call as a card, then its answer', async ({ page, studio }) => {
  await openChat(page, studio, AGENT);
  await expect(page.getByTestId('capability-badges').first()).toContainText('Agent');
  await send(page, 'Where is my order ORD-2024-001?');
  const answer = await lastDone(page);
  const card = answer.getByTestId('tool-card');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-tool', 'lookup_order');
  await card.getByText('lookup_order').click();
  await expect(card.getByTestId('tool-arguments')).toContainText('"order_id": "ORD-2024-001"');
  await expect(card.getByTestId('tool-output')).toContainText('"status"');
  await expect(answer.getByTestId('answer-text')).toContainText('ORD-2024-001');
  // The next turn goes to the agent's own route with the Responses body, its items included.
  await page.getByLabel('Message').fill('Thanks');
  const { url, body } = await viewRequest(page);
  expect(url).toContain(`/serving-endpoints/${AGENT}/invocations`);
  expect(JSON.stringify(body.input)).toContain('"type":"function_call"');
});

test('GPT-5.5 over the Responses API: View request, streaming, stop, metrics', async ({ page, studio }) => {
  await openChat(page, studio, GPT_55, { ttftMs: 40, tokensPerSec: 40 });
  await expect(page.getByTestId('capability-badges').first()).toContainText('Responses API');
  await page.getByLabel('Message').fill('Write a long story about a lighthouse.');
  const { url, body } = await viewRequest(page);
  expect(url).toMatch(/\/serving-endpoints\/responses$/);
  expect(body).toMatchObject({ model: GPT_55, stream: true });
  expect(body).not.toHaveProperty('messages');

  await page.getByRole('button', { name: 'Send' }).click();
  const answer = answers(page).last();
  await expect(answer.getByTestId('answer-text')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(answer).toHaveAttribute('data-status', 'stopped');
  await expect(answer.getByTestId('answer-text')).not.toBeEmpty();
  await expect(answer.getByTestId('message-metrics')).toContainText('TTFT');

  await send(page, 'Now a short one.');
  await expect(await lastDone(page)).toBeVisible();
});
