import type { Page } from '@playwright/test';
import { DEMO_TOKEN, expect, openApp, test, useDemo } from './fixtures';

/**
 * Parameters, honest by construction: set/unset shows in View request, stop and max_tokens
 * reach the model (finish_reason), invalid values are refused, Code shows runnable curl with
 * the token as a variable, and presets restore a system prompt plus parameters.
 */

const ENDPOINT = 'databricks-meta-llama-3-1-70b-instruct';

/** (After useDemo) fast pace, the 70B endpoint, the parameters panel open. */
async function setUp(page: Page, studio: { configureDemo(p: unknown): Promise<void> }) {
  await studio.configureDemo({ ttftMs: 20, tokensPerSec: 2000 });
  await page.getByLabel('Endpoint').selectOption(ENDPOINT);
  const toggle = page.getByRole('button', { name: 'Parameters' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('params-panel')).toBeVisible();
  return page.getByTestId('params-panel');
}

/** Opens View request, returns the JSON shown, closes with Esc. */
async function viewRequest(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('request-url')).toContainText(`/serving-endpoints/${ENDPOINT}/invocations`);
  const json = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return json;
}

/** Sends `text` and waits for the answer to finish; returns the answer's locator. */
async function ask(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return answer;
}

test('moving a slider or typing sets a parameter; its ✕ unsets it', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  const panel = await setUp(page, studio);
  const number = panel.getByRole('textbox', { name: 'Temperature', exact: true });
  const slider = panel.getByRole('slider', { name: 'Temperature slider' });
  await expect(number).toHaveValue('');
  await expect(slider).toBeEnabled();
  expect(await viewRequest(page)).not.toHaveProperty('temperature');

  // The slider sets the value the moment it moves, no checkbox first.
  await slider.fill('0.7');
  await expect(number).toHaveValue('0.7');
  expect(await viewRequest(page)).toMatchObject({ temperature: 0.7 });
  await number.fill('0.3');
  await expect(slider).toHaveValue('0.3');
  await panel.getByRole('textbox', { name: 'Stop sequences' }).fill('###');
  await panel.getByRole('button', { name: 'Add' }).click();
  await page.screenshot({ path: 'test-results/params-panel-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/params-panel-dark.png' });
  await page.getByRole('button', { name: 'View request' }).click();
  await page.screenshot({ path: 'test-results/params-view-request-dark.png' });
  await page.keyboard.press('Escape');
  const set = await viewRequest(page);
  expect(set).toMatchObject({ temperature: 0.3, stream: true });

  await panel.getByRole('button', { name: 'Unset Temperature' }).click();
  await expect(number).toHaveValue('');
  await expect(panel).toContainText('Unset: server default 1');
  const unset = await viewRequest(page);
  expect(unset).not.toHaveProperty('temperature');
  expect(Object.keys(unset)).toEqual(['messages', 'stop', 'stream']);

  // Reset all unsets what is left (the stop sequence), and says nothing is left to reset.
  await number.fill('0.9');
  const reset = panel.getByRole('button', { name: 'Reset all' });
  await reset.click();
  await expect(reset).toBeDisabled();
  await expect(panel.getByTestId('stop-chip')).toHaveCount(0);
  expect(Object.keys(await viewRequest(page))).toEqual(['messages', 'stream']);
});

test('a stop sequence cuts the answer with finish_reason stop', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  const panel = await setUp(page, studio);
  await panel.getByRole('textbox', { name: 'Temperature', exact: true }).fill('0');
  const stopInput = panel.getByRole('textbox', { name: 'Stop sequences' });
  await stopInput.fill('###');
  await stopInput.press('Enter');
  await expect(panel.getByTestId('stop-chip')).toHaveText(['###×']);
  expect(await viewRequest(page)).toMatchObject({ stop: ['###'], temperature: 0 });

  const answer = await ask(page, 'Explain how vector databases work.');
  await expect(answer.getByTestId('message-metrics')).toContainText('finish_reason: stop');
  expect(await answer.textContent()).not.toContain('###');
  await expect(answer.locator('h3')).toHaveCount(0);

  // × removes the chip and the parameter with it.
  await panel.getByRole('button', { name: 'Remove stop sequence ###' }).click();
  await expect(panel.getByTestId('stop-chip')).toHaveCount(0);
  expect(await viewRequest(page)).not.toHaveProperty('stop');
});

test('max_tokens 20 ends the answer with finish_reason length', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  const panel = await setUp(page, studio);
  await panel.getByRole('textbox', { name: 'Max tokens', exact: true }).fill('20');
  expect(await viewRequest(page)).toMatchObject({ max_tokens: 20 });
  const answer = await ask(page, 'Write a long essay about lighthouses.');
  await expect(answer.getByTestId('message-metrics')).toContainText('finish_reason: length');
});

test('an invalid temperature is refused with the reason and Send is blocked', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  const panel = await setUp(page, studio);
  const number = panel.getByRole('textbox', { name: 'Temperature', exact: true });
  await number.fill('1.5');
  await number.fill('3');
  const error = panel.getByTestId('param-error');
  await expect(error).toHaveText(/temperature must be between 0 and 2; got 3/);
  await expect(error).toContainText('the slider shows it at its maximum');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  // The slider shows the typed value, clamped; the refused value never reached the request.
  await expect(panel.getByRole('slider', { name: 'Temperature slider' })).toHaveValue('2');
  expect(await viewRequest(page)).toMatchObject({ temperature: 1.5 });

  await page.getByLabel('Message').fill('Hello there');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByTestId('assistant-message')).toHaveCount(0);

  await number.fill('0.5');
  await expect(error).toBeHidden();
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('Code shows curl with the endpoint, max_tokens and $DATABRICKS_TOKEN, never a token', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await useDemo(page);
  const panel = await setUp(page, studio);
  await panel.getByRole('textbox', { name: 'Max tokens', exact: true }).fill('64');
  await page.getByLabel('Message').fill('Say "hi" and it\'s done');

  await page.getByRole('button', { name: 'Code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Code' });
  await expect(dialog.getByRole('tab', { name: 'curl' })).toHaveAttribute('aria-selected', 'true');
  const curl = (await dialog.getByTestId('code-snippet').textContent()) ?? '';
  expect(curl).toContain(`/serving-endpoints/${ENDPOINT}/invocations`);
  expect(curl).toContain('"max_tokens": 64');
  expect(curl).toContain('Authorization: Bearer $DATABRICKS_TOKEN');
  expect(curl).toContain(`'\\''s done`);
  expect(curl).not.toContain(DEMO_TOKEN);

  const tabs = ['Python (SDK)', 'Python (OpenAI)', 'TypeScript'];
  const expected = [
    'w.serving_endpoints.query(',
    'base_url=f"{host}/serving-endpoints"',
    'process.env.DATABRICKS_TOKEN',
  ];
  for (const [i, name] of tabs.entries()) {
    await dialog.getByRole('tab', { name }).click();
    const code = (await dialog.getByTestId('code-snippet').textContent()) ?? '';
    expect(code).toContain(expected[i]);
    expect(code).toContain(ENDPOINT);
    expect(code).toMatch(/max_tokens["']?\s*[:=]\s*64/);
    expect(code).not.toContain(DEMO_TOKEN);
  }
  await expect(dialog.getByRole('button', { name: /Copy/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/params-code-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/params-code-dark.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a preset saved and loaded restores the system prompt and parameters', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  const panel = await setUp(page, studio);
  await page.getByRole('button', { name: 'System prompt' }).click();
  const system = page.getByRole('textbox', { name: 'System prompt' });
  await system.fill('You are terse.');
  await panel.getByRole('textbox', { name: 'Temperature', exact: true }).fill('0.4');
  const stopInput = panel.getByRole('textbox', { name: 'Stop sequences' });
  await stopInput.fill('END');
  await panel.getByRole('button', { name: 'Add' }).click();

  const menu = page.getByTestId('preset-menu');
  await menu.getByRole('button', { name: 'Save preset' }).click();
  const save = page.getByRole('dialog', { name: 'Save preset' });
  await expect(save).toContainText('temperature 0.4, stop "END"');
  await save.getByLabel('Preset name').fill('Terse');
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(save).toBeHidden();
  await expect(menu.getByTestId('preset-status')).toHaveText('Saved "Terse".');

  // Change everything, then load the preset back.
  await system.fill('Something else');
  await panel.getByRole('button', { name: 'Unset Temperature' }).click();
  await panel.getByRole('button', { name: 'Remove stop sequence END' }).click();
  await panel.getByRole('textbox', { name: 'Top P', exact: true }).fill('1');
  expect(await viewRequest(page)).toMatchObject({ top_p: 1 });

  await menu.getByRole('button', { name: 'Load preset' }).click();
  await expect(system).toHaveValue('You are terse.');
  await expect(panel.getByRole('textbox', { name: 'Temperature', exact: true })).toHaveValue('0.4');
  await expect(panel.getByTestId('stop-chip')).toHaveText(['END×']);
  const body = await viewRequest(page);
  expect(body).toMatchObject({
    messages: [{ role: 'system', content: 'You are terse.' }],
    temperature: 0.4,
    stop: ['END'],
  });
  expect(body).not.toHaveProperty('top_p');

  // Presets live in IndexedDB: still there after a reload.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  const toggle = page.getByRole('button', { name: 'Parameters' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('preset-menu').getByLabel('Preset', { exact: true })).toContainText('Terse');
});
