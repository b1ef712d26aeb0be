import type { Locator, Page } from '@playwright/test';
import { useDemo as enterDemo, expect, openApp, type StudioHost, test } from './fixtures';

/*
 * Tools in chat against the demo workspace: define a tool from the examples, the model calls
 * it with valid arguments, the user answers by hand and the final answer uses the value; mock
 * mode runs the steps alone. The demo's chat models call a tool when tool_choice is
 * "required", or when the last user message has words (4+ letters) of a tool's name or
 * description, and quote the tool results they were given verbatim.
 */

const CLAUDE = 'databricks-claude-sonnet-4-6';
/**
 * A question the demo answers in two tool steps (one call, its result, a second call, its
 * result, then the answer): it calls the tools the first part of a message names, then, after
 * their results, the next part's ("… then …"; electron/demo-workspace/tool-calls.ts).
 */
const TWO_STEP_QUESTION = 'Get the weather in Paris, then search for restaurants near the Louvre';
const FAST = { ttftMs: 30, tokensPerSec: 1_500 };

async function openChat(page: Page, studio: StudioHost, endpoint: string) {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(FAST);
  await page.getByLabel('Endpoint').selectOption(endpoint);
}

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const answers = (page: Page) => page.getByTestId('assistant-message');

/** Waits until the last answer is done (a step that called tools is done too). */
async function lastDone(page: Page): Promise<Locator> {
  const answer = answers(page).last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return answer;
}

/** Opens the tools editor from the parameter panel. */
async function openTools(page: Page): Promise<Locator> {
  const panel = page.getByTestId('params-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Parameters' }).click();
  await panel.getByRole('button', { name: /^Tools \(\d+\)$/ }).click();
  const editor = page.getByTestId('tools-editor');
  await expect(editor).toBeVisible();
  return editor;
}

/** Adds the get_weather example; `settings` then applies mock mode and max steps before Save. */
async function defineWeather(
  page: Page,
  settings: { mock?: boolean; maxSteps?: number; alsoSearch?: boolean } = {},
) {
  const editor = await openTools(page);
  await editor.getByLabel('Add an example tool').selectOption('get_weather');
  await expect(editor.getByLabel('Name')).toHaveValue('get_weather');
  if (settings.alsoSearch) {
    await editor.getByLabel('Add an example tool').selectOption('web_search');
    await expect(editor.getByLabel('Name')).toHaveValue('web_search');
  }
  if (settings.mock) await editor.getByRole('switch', { name: 'Mock mode' }).check();
  if (settings.maxSteps !== undefined) await editor.getByLabel('Max steps').fill(String(settings.maxSteps));
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('button', { name: `Tools (${settings.alsoSearch ? 2 : 1})` })).toBeVisible();
}

test('a tool from the examples: the model calls it, the user answers, the answer uses the value', async ({
  page,
  studio,
}) => {
  await openChat(page, studio, CLAUDE);
  await defineWeather(page);
  await send(page, 'What is the weather in Paris?');
  const answer = await lastDone(page);
  const card = answer.getByTestId('tool-card');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-tool', 'get_weather');
  await expect(card.getByTestId('arguments-check')).toHaveAttribute('data-valid', 'true');
  await expect(card.getByTestId('tool-arguments')).toContainText('"city"');

  const send1 = answer.getByRole('button', { name: 'Send results' });
  await expect(send1).toBeDisabled();
  await card.getByLabel('Result of get_weather').fill('{"temperature": 21}');
  await send1.click();

  // The same answer goes on: no new message, the result is shown on the card, the final text uses it.
  await expect(answers(page)).toHaveCount(1);
  const done = await lastDone(page);
  await expect(done.getByTestId('answer-text')).toContainText('21', { timeout: 30_000 });
  await expect(done.getByTestId('tool-output')).toContainText('"temperature": 21');
  await expect(done.getByTestId('tool-result-form')).toHaveCount(0);

  // The next request carries the call and its result as tool messages.
  await page.getByLabel('Message').fill('Thanks');
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  const body = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '{}');
  await page.keyboard.press('Escape');
  const roles = (body.messages as { role: string }[]).map((m) => m.role);
  expect(roles).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
  expect(JSON.stringify(body.tools)).toContain('get_weather');
});

test('mock mode runs the tool steps alone and stops when the model answers', async ({ page, studio }) => {
  await openChat(page, studio, CLAUDE);
  await defineWeather(page, { mock: true, alsoSearch: true });
  await send(page, TWO_STEP_QUESTION);
  const answer = answers(page).last();
  await expect(answer.getByTestId('tool-card')).toHaveCount(2, { timeout: 30_000 });
  const done = await lastDone(page);
  await expect(done.getByTestId('answer-text')).toBeVisible({ timeout: 30_000 });
  await expect(done.getByTestId('tool-output')).toHaveCount(2);
  await expect(done.getByTestId('tool-result-form')).toHaveCount(0);
  // The mock's value ("temperature": 18) reaches the answer.
  await expect(done.getByTestId('answer-text')).toContainText('18');
  await expect(answers(page)).toHaveCount(1);
});

test('the Tools button says why an agent takes none', async ({ page, studio }) => {
  await openChat(page, studio, 'demo-support-agent');
  await page.getByRole('button', { name: 'Parameters' }).click();
  await expect(page.getByRole('button', { name: 'Tools (0)' })).toBeDisabled();
  await expect(page.getByTestId('tools-refusal')).toContainText('Agents bring their own tools');
});

/** The request body View request shows. */
async function viewRequest(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  const body = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '{}');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return body;
}

const OPENAI_TOOLS = [
  {
    type: 'function',
    function: {
      name: 'lookup',
      description: 'Look a word up',
      parameters: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
    },
  },
];

test('the tools editor: live schema checks, import, export, tool choice, and presets keep the set', async ({
  page,
  studio,
}) => {
  await openChat(page, studio, CLAUDE);
  let editor = await openTools(page);

  // A broken schema: the problem shows under it, Save waits, the text stays as typed.
  await editor.getByRole('button', { name: 'Add tool' }).click();
  const schema = editor.getByLabel('Parameters (JSON Schema)');
  await schema.fill('{"type": "object", "properties": {}, "required": ["city"]}');
  await expect(editor.getByTestId('schema-problems')).toContainText('"required" names "city"');
  await expect(editor.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(schema).toHaveValue('{"type": "object", "properties": {}, "required": ["city"]}');

  // An invalid file changes nothing and says why; a bare OpenAI tools array replaces the set.
  const file = editor.getByTestId('tools-import-file');
  await file.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"messages": []}'),
  });
  await expect(editor.getByTestId('tools-import-error')).toContainText('holds no tools');
  await expect(schema).toHaveValue('{"type": "object", "properties": {}, "required": ["city"]}');
  await file.setInputFiles({
    name: 'tools.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(OPENAI_TOOLS)),
  });
  await expect(editor.getByLabel('Name')).toHaveValue('lookup');
  await editor.getByLabel('Add an example tool').selectOption('calculate');
  await editor.getByLabel('Tool choice').selectOption('required');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Tools (2)' })).toBeVisible();

  // What is sent: both tools as functions (no mocks), the choice; View request is the wire body.
  await page.getByLabel('Message').fill('Hello');
  const body = await viewRequest(page);
  expect(body.tool_choice).toBe('required');
  expect((body.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual([
    'lookup',
    'calculate',
  ]);
  expect(JSON.stringify(body)).not.toContain('mocks');

  // Export writes the set, mocks included.
  editor = await openTools(page);
  const download = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Export' }).click();
  const exported = JSON.parse(
    await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  expect(exported.tools.map((t: { name: string }) => t.name)).toEqual(['lookup', 'calculate']);
  expect(exported.tools[1].mocks).toHaveLength(1);
  await editor.getByRole('button', { name: 'Cancel' }).click();

  // A preset keeps the tool set; loading it brings it back.
  const menu = page.getByTestId('preset-menu');
  await menu.getByRole('button', { name: 'Save preset' }).click();
  const save = page.getByRole('dialog', { name: 'Save preset' });
  await expect(save).toContainText('2 tools: lookup, calculate');
  await save.getByLabel('Preset name').fill('With tools');
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(save).toBeHidden();
  editor = await openTools(page);
  await editor.getByRole('button', { name: 'Remove tool' }).click();
  await editor.getByRole('button', { name: 'Remove tool' }).click();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Tools (0)' })).toBeVisible();
  await menu.getByRole('button', { name: 'Load preset' }).click();
  await expect(page.getByRole('button', { name: 'Tools (2)' })).toBeVisible();
});

test('compare: each pane shows its calls; results typed in one pane continue that pane alone', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(FAST);
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  const panes = page.getByTestId('compare-pane');
  while ((await panes.count()) < 2) await page.getByRole('button', { name: 'Add pane' }).click();
  await page.getByLabel('Endpoint for pane 1', { exact: true }).selectOption(CLAUDE);
  await page.getByLabel('Endpoint for pane 2', { exact: true }).selectOption('databricks-llama-4-maverick');
  await page.getByRole('button', { name: 'Shared parameters' }).click();
  await page
    .getByTestId('params-panel')
    .getByRole('button', { name: /^Tools \(\d+\)$/ })
    .click();
  const editor = page.getByTestId('tools-editor');
  await editor.getByLabel('Add an example tool').selectOption('get_weather');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();

  await page.getByLabel('Message', { exact: true }).fill('What is the weather in Paris?');
  await page.getByRole('button', { name: 'Send to all' }).click();
  const first = panes.nth(0);
  const second = panes.nth(1);
  for (const pane of [first, second]) {
    await expect(pane.getByTestId('tool-card')).toHaveAttribute('data-tool', 'get_weather', {
      timeout: 30_000,
    });
    await expect(pane.getByTestId('pane-tools-waiting')).toBeVisible();
  }
  await first.getByLabel('Result of get_weather').fill('{"temperature": 21}');
  await first.getByRole('button', { name: 'Send results' }).click();
  await expect(first.getByTestId('pane-answer').last()).toContainText('21', { timeout: 30_000 });
  await expect(first.getByTestId('pane-tools-waiting')).toHaveCount(0);
  // The other pane still waits for its result.
  await expect(second.getByTestId('pane-tools-waiting')).toBeVisible();
});
