import type { Locator, Page } from '@playwright/test';
import { useDemo as enterDemo, expect, openApp, type StudioHost, test } from './fixtures';

/**
 * The Stream switch against the demo workspace: off sends `"stream": false` (as View request
 * shows) and the one JSON answer is shown like a streamed one — at temperature 0 the same
 * text — with its TTFT labelled as the total time; the conversation keeps the switch.
 */

const CHAT_ENDPOINT = 'databricks-meta-llama-3-1-70b-instruct';
const PACE = { ttftMs: 20, tokensPerSec: 2000 };

const panel = (page: Page) => page.getByTestId('params-panel');
const streamSwitch = (page: Page) => panel(page).getByRole('switch', { name: 'Stream' });

/** Opens the parameters panel (a toggle in chat, always open in the completion pane). */
async function openParams(page: Page) {
  const toggle = page.getByRole('button', { name: 'Parameters' });
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  await expect(panel(page)).toBeVisible();
}

/** Sets a numeric parameter by typing it. */
async function setParam(page: Page, label: string, value: string) {
  await panel(page).getByRole('textbox', { name: label, exact: true }).fill(value);
}

/** The body View request shows, after closing the dialog again. */
async function viewRequest(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  await expect(dialog).toBeVisible();
  const json = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return json;
}

/** The last answer once it is done. */
async function lastDone(page: Page): Promise<Locator> {
  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return answer;
}

const textOf = async (answer: Locator) => (await answer.getByTestId('markdown').textContent()) ?? '';

async function startChat(page: Page, studio: StudioHost) {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(PACE);
  await page.getByLabel('Endpoint').selectOption(CHAT_ENDPOINT);
  await openParams(page);
}

test('chat: with Stream off the same prompt at temperature 0 gives the same answer, as one JSON answer', async ({
  page,
  studio,
}) => {
  await startChat(page, studio);
  await setParam(page, 'Temperature', '0');
  await setParam(page, 'Max tokens', '120');
  await expect(streamSwitch(page)).toBeChecked();
  expect(await viewRequest(page)).toMatchObject({ temperature: 0, stream: true });

  await page.getByLabel('Message').fill('Explain what a serving endpoint is.');
  await page.getByRole('button', { name: 'Send' }).click();
  const streamed = await lastDone(page);
  const streamedText = await textOf(streamed);
  expect(streamedText.length).toBeGreaterThan(20);
  await expect(streamed.getByTestId('message-metrics')).not.toContainText('not streamed');

  await streamSwitch(page).uncheck();
  await expect(panel(page)).toContainText('one JSON answer, no tokens as they come');
  const body = await viewRequest(page);
  expect(body).toMatchObject({ temperature: 0, max_tokens: 120, stream: false });
  expect(Object.keys(body).at(-1)).toBe('stream');

  // The same history again (a regenerated branch), this time answered whole.
  await streamed.getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByTestId('assistant-message').last().getByTestId('branch-switcher')).toContainText(
    '2/2',
  );
  const whole = await lastDone(page);
  expect(await textOf(whole)).toBe(streamedText);
  const metrics = whole.getByTestId('message-metrics');
  await expect(metrics).toContainText(/TTFT = total \d+ ms \(not streamed\)/);
  await expect(metrics).toContainText('finish_reason');
  await expect(metrics).toContainText('cost');

  // The conversation keeps its switch across a reload.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done');
  await openParams(page);
  await expect(streamSwitch(page)).not.toBeChecked();
  expect(await viewRequest(page)).toMatchObject({ stream: false });
});

test('completion: Stream off shows "stream": false and the same text at temperature 0', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(PACE);
  await page.getByRole('navigation').getByRole('button', { name: 'Completion' }).click();
  await expect(page.getByTestId('completion-pane')).toBeVisible();
  await openParams(page);
  await setParam(page, 'Temperature', '0');
  await setParam(page, 'Max tokens', '80');
  await page.getByLabel('Prompt', { exact: true }).fill('def fibonacci(n):');

  const run = async () => {
    await page.getByRole('button', { name: 'Send' }).click();
    const output = page.getByTestId('completion-output');
    await expect(output).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    return output;
  };
  const streamed = await run();
  const streamedText = (await streamed.getByTestId('completion-text').first().textContent()) ?? '';
  expect(streamedText.length).toBeGreaterThan(0);

  await streamSwitch(page).uncheck();
  expect(await viewRequest(page)).toMatchObject({ prompt: 'def fibonacci(n):', stream: false });
  const whole = await run();
  await expect(page.getByTestId('completion-metrics')).toContainText('not streamed');
  expect((await whole.getByTestId('completion-text').first().textContent()) ?? '').toBe(streamedText);
});
