import type { Locator, Page } from '@playwright/test';
import { expect, openApp, type StudioHost, test, useDemo } from './fixtures';

/**
 * The Completion pane against the demo workspace: a stop sequence ends the text and the pane
 * says where and by what (honestly), n = 2 shows two choices, max_tokens gives "length",
 * Append continues from a completion, Stop keeps the partial text, runs can be reopened.
 */

const ENDPOINT = 'demo-llama-3-1-8b-completions';
const CODE_PROMPT = 'def fibonacci(n):';

async function openCompletion(page: Page, studio: StudioHost, pace = { ttftMs: 20, tokensPerSec: 4000 }) {
  await openApp(page, studio);
  // biome-ignore lint/correctness/useHookAtTopLevel: useDemo is a Playwright helper, not a React hook.
  await useDemo(page);
  await studio.configureDemo(pace);
  await page.getByRole('navigation').getByRole('button', { name: 'Completion' }).click();
  await expect(page.getByTestId('completion-pane')).toBeVisible();
  await expect(page.getByLabel('Endpoint', { exact: true })).toHaveValue(ENDPOINT);
}

const panel = (page: Page) => page.getByTestId('params-panel');

/** Sets a numeric parameter by typing it. */
async function setParam(page: Page, label: string, value: string) {
  await panel(page).getByRole('textbox', { name: label, exact: true }).fill(value);
}

async function addStop(page: Page, sequence: string) {
  const input = panel(page).getByRole('textbox', { name: 'Stop sequences' });
  await input.fill(sequence);
  await input.press('Enter');
  await expect(panel(page).getByTestId('stop-chip')).toHaveCount(1);
}

/** Writes the prompt, sends it and waits for the run to end; returns the output locator. */
async function complete(page: Page, prompt: string | null, status = 'done'): Promise<Locator> {
  if (prompt !== null) await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Send' }).click();
  const output = page.getByTestId('completion-output');
  await expect(output).toHaveAttribute('data-status', status, { timeout: 30_000 });
  return output;
}

const choiceText = async (choice: Locator) =>
  (await choice.getByTestId('completion-text').textContent()) ?? '';

test('a stop sequence ends the completion there, and the pane says where and by what', async ({
  page,
  studio,
}) => {
  await openCompletion(page, studio);
  await setParam(page, 'Temperature', '0');
  await setParam(page, 'Max tokens', '200');
  // First without a stop sequence, to learn the (deterministic) text and pick a word in it.
  const free = await complete(page, CODE_PROMPT);
  const full = await choiceText(free.getByTestId('completion-choice'));
  const word = ['return', 'raise', 'if', 'def'].find((w) => full.indexOf(w) > 0);
  expect(word, `no candidate word in ${JSON.stringify(full)}`).toBeDefined();
  const stop = word as string;

  await addStop(page, stop);
  const cut = await complete(page, null);
  const choice = cut.getByTestId('completion-choice');
  const text = await choiceText(choice);
  expect(text).toBe(full.slice(0, full.indexOf(stop)));
  await expect(choice).toHaveAttribute('data-finish-reason', 'stop');
  await expect(choice.getByTestId('finish-reason')).toHaveText('finish_reason: stop');
  const why = choice.getByTestId('stop-explanation');
  await expect(why).toContainText(`Stopped after ${text.length.toLocaleString('en-US')} characters`);
  await expect(why).toContainText(`the stop sequence "${stop}"`);
  // Honest: finish_reason "stop" is also the model's own end.
  await expect(why).toContainText("or by the model's own end");
  // At temperature 0 the pane can settle it: a re-run without stop sequences shows what came next.
  await choice.getByRole('button', { name: 'Check which ended it' }).click();
  await expect(choice.getByTestId('stop-check')).toContainText(
    `Checked: without stop sequences the text continues with "${stop}" right here`,
    { timeout: 30_000 },
  );
  await expect(cut.getByTestId('synthetic-badge')).toBeVisible();
  await expect(cut.getByTestId('completion-metrics')).toContainText('TTFT');
  // The demo completions endpoint has no default price.
  await expect(cut.getByTestId('completion-metrics')).toContainText('cost —');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: 'test-results/completion.png', fullPage: true });
});

test('n = 2 shows two choices side by side, each with its finish_reason', async ({ page, studio }) => {
  await openCompletion(page, studio);
  await setParam(page, 'Choices (n)', '2');
  await setParam(page, 'Max tokens', '40');
  await page.getByLabel('Prompt', { exact: true }).fill('The harbour at dawn was');
  // View request shows exactly the completions body that is sent.
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  const body = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '{}');
  expect(body).toEqual({ prompt: 'The harbour at dawn was', max_tokens: 40, n: 2, stream: true });
  await expect(dialog.getByTestId('request-url')).toContainText(`/serving-endpoints/${ENDPOINT}/invocations`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const output = await complete(page, null);
  const choices = output.getByTestId('completion-choice');
  await expect(choices).toHaveCount(2);
  for (const choice of await choices.all()) {
    await expect(choice.getByTestId('finish-reason')).toContainText(/finish_reason: (stop|length)/);
    expect((await choiceText(choice)).length).toBeGreaterThan(0);
  }
  expect(await choiceText(choices.nth(0))).not.toBe(await choiceText(choices.nth(1)));
  const [a, b] = await Promise.all([choices.nth(0).boundingBox(), choices.nth(1).boundingBox()]);
  expect(a && b && Math.abs(a.y - b.y) < 2 && b.x > a.x).toBe(true);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/completion-n2-dark.png' });
});

test('max_tokens ends in "length"; Append then continue; reopen a previous run', async ({ page, studio }) => {
  await openCompletion(page, studio);
  await setParam(page, 'Max tokens', '12');
  const prompt = 'The old lighthouse keeper said';
  const first = await complete(page, prompt);
  const choice = first.getByTestId('completion-choice');
  await expect(choice).toHaveAttribute('data-finish-reason', 'length');
  await expect(choice.getByTestId('stop-explanation')).toContainText('Cut by max_tokens');
  const firstText = await choiceText(choice);

  await page.getByRole('button', { name: 'Append to prompt' }).click();
  const editor = page.getByLabel('Prompt', { exact: true });
  await expect(editor).toHaveValue(prompt + firstText);
  await setParam(page, 'Max tokens', '30');
  const second = await complete(page, null);
  const secondText = await choiceText(second.getByTestId('completion-choice'));
  expect(secondText.length).toBeGreaterThan(0);
  await expect(page.getByTestId('completion-run')).toHaveCount(2);

  // Reopen the first run (the list is newest first): prompt, parameters and output come back.
  await page.getByTestId('completion-run').nth(1).click();
  await expect(editor).toHaveValue(prompt);
  await expect(panel(page).getByRole('textbox', { name: 'Max tokens', exact: true })).toHaveValue('12');
  await expect(page.getByTestId('completion-text')).toHaveText(firstText);
  // And after a reload the runs are still there.
  await page.reload();
  await expect(page.getByTestId('completion-run')).toHaveCount(2);
  await page.getByTestId('completion-run').first().click();
  await expect(page.getByTestId('completion-text')).toHaveText(secondText);
  await expect(editor).toHaveValue(prompt + firstText);
});

test('Stop (Esc) keeps the partial text; an error shows inline and keeps the prompt', async ({
  page,
  studio,
}) => {
  await openCompletion(page, studio, { ttftMs: 20, tokensPerSec: 15 });
  await setParam(page, 'Max tokens', '400');
  await page.getByLabel('Prompt', { exact: true }).fill('Once upon a time');
  await page.getByRole('button', { name: 'Send' }).click();
  const text = page.getByTestId('completion-text');
  await expect(text).not.toHaveText('', { timeout: 15_000 });
  await page.keyboard.press('Escape');
  const output = page.getByTestId('completion-output');
  await expect(output).toHaveAttribute('data-status', 'stopped');
  const kept = (await text.textContent()) ?? '';
  expect(kept.length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  await expect(text).toHaveText(kept);

  await studio.configureDemo({
    faults: [{ type: 'http-error', status: 500, message: 'Model crashed', times: 1 }],
  });
  await page.getByLabel('Prompt', { exact: true }).fill('keep this prompt');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('completion-error')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('completion-error')).toHaveAttribute('role', 'alert');
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('keep this prompt');
});

test('Render markdown renders the generated text; off shows it exactly as generated', async ({
  page,
  studio,
}) => {
  await openCompletion(page, studio);
  await setParam(page, 'Temperature', '0');
  const output = await complete(page, CODE_PROMPT);
  const raw = await choiceText(output);
  const toggle = output.getByRole('checkbox', { name: 'Render markdown' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  // Rendered: the generated text becomes markdown blocks, the prompt stays in the raw flow.
  await expect(
    output.getByTestId('completion-text').locator('p, pre, h1, h2, h3, ul, ol').first(),
  ).toBeVisible();
  await expect(output.locator('.completion-doc__prompt')).toContainText(CODE_PROMPT);
  await toggle.uncheck();
  expect(await choiceText(output)).toBe(raw);
});
