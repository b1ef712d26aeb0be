import type { Locator, Page } from '@playwright/test';
import { expect, openApp, type StudioHost, test, useDemo } from './fixtures';

/**
 * Structured outputs against the demo workspace: a JSON schema set in the parameter panel's
 * editor reaches View request and the model, and the answer is judged against it (a ✓ badge
 * and the pretty JSON); in a comparison each pane shows whether its answer matched, the turn
 * says how many did, and a pane whose model takes no response format says why.
 */

const LLAMA = 'databricks-meta-llama-3-3-70b-instruct';
const GPT_OSS = 'databricks-gpt-oss-120b';
const DBRX = 'databricks-dbrx-instruct';
const FAST = { ttftMs: 20, tokensPerSec: 2_000 };

async function enterDemo(page: Page, studio: StudioHost) {
  await openApp(page, studio);
  // biome-ignore lint/correctness/useHookAtTopLevel: useDemo is a Playwright helper, not a React hook.
  await useDemo(page);
  await studio.configureDemo(FAST);
}

/**
 * In `panel`, picks JSON schema and saves the example `example` from the editor. The editor
 * is checked on the way: a broken schema is refused with its reason and Save stays disabled,
 * and the example's Undo gives the typed text back.
 */
async function chooseSchema(page: Page, panel: Locator, example: string) {
  await panel.getByLabel('Response format').selectOption('json_schema');
  const editor = page.getByRole('dialog', { name: 'Response schema' });
  await expect(editor).toBeVisible();
  const schema = editor.getByRole('textbox', { name: 'Schema (JSON)' });
  const save = editor.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toBeEnabled();
  await schema.fill('{"type": "array"}');
  await expect(editor.getByTestId('schema-problems')).toContainText('The root must have "type": "object".');
  await expect(save).toBeDisabled();
  await schema.fill('{"type": "object",');
  await expect(editor.getByTestId('schema-problems')).toContainText('The schema is not valid JSON');
  await expect(save).toBeDisabled();
  await editor.getByRole('button', { name: example, exact: true }).click();
  await expect(editor.getByTestId('schema-ok')).toBeVisible();
  await editor.getByRole('button', { name: 'Undo' }).click();
  await expect(schema).toHaveValue('{"type": "object",');
  await editor.getByRole('button', { name: example, exact: true }).click();
  await expect(save).toBeEnabled();
  await page.screenshot({ path: 'test-results/structured-editor.png' });
  await save.click();
  await expect(editor).toBeHidden();
}

/** The request body View request shows. */
async function viewRequest(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('button', { name: 'View request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request' });
  const body = JSON.parse((await dialog.getByTestId('request-json').textContent()) ?? '{}');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return body;
}

test('chat: a JSON schema answer validates, shown pretty and raw; the schema is in View request and Code', async ({
  page,
  studio,
}) => {
  await enterDemo(page, studio);
  await page.getByLabel('Endpoint').selectOption(LLAMA);
  await page.getByRole('button', { name: 'Parameters' }).click();
  const panel = page.getByTestId('params-panel');
  await chooseSchema(page, panel, 'Sentiment');
  await expect(panel.getByTestId('format-summary')).toHaveText('Schema "sentiment": label, score · strict');
  await expect(panel.getByTestId('format-refusal')).toHaveCount(0);

  const body = await viewRequest(page);
  expect(body.response_format).toMatchObject({
    type: 'json_schema',
    json_schema: {
      name: 'sentiment',
      strict: true,
      schema: { type: 'object', required: ['label', 'score'] },
    },
  });
  await page.getByRole('button', { name: 'Code' }).click();
  const code = page.getByRole('dialog', { name: 'Code' });
  await expect(code).toContainText('"response_format"');
  await page.keyboard.press('Escape');

  await page.getByLabel('Message').fill('How does this review feel? "I love it, works perfectly."');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const verdict = answer.getByTestId('structured-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'valid');
  await expect(verdict).toContainText('Valid JSON · matches sentiment');
  const pretty = answer.getByTestId('json-pretty');
  await expect(pretty).toContainText('"label"');
  await expect(pretty).toContainText('"score"');
  await page.screenshot({ path: 'test-results/structured-chat.png' });
  await answer.getByRole('button', { name: 'Show raw text' }).click();
  const raw = answer.getByTestId('json-raw');
  await expect(raw).toBeVisible();
  const parsed = JSON.parse(((await raw.textContent()) ?? '').replace(/^\s*```\w*\n|\n?```\s*$/g, ''));
  expect(['positive', 'neutral', 'negative']).toContain(parsed.label);
  expect(typeof parsed.score).toBe('number');

  // Back to Text: nothing is sent, and the saved schema comes back with JSON schema.
  await panel.getByLabel('Response format').selectOption('text');
  expect(await viewRequest(page)).not.toHaveProperty('response_format');
  await panel.getByLabel('Response format').selectOption('json_schema');
  await expect(panel.getByTestId('format-summary')).toContainText('sentiment');
});

test('chat: on a model without structured outputs the control says why and nothing is sent', async ({
  page,
  studio,
}) => {
  await enterDemo(page, studio);
  await page.getByLabel('Endpoint').selectOption(DBRX);
  await page.getByRole('button', { name: 'Parameters' }).click();
  const panel = page.getByTestId('params-panel');
  await panel.getByLabel('Response format').selectOption('json_object');
  await expect(panel.getByTestId('format-refusal')).toHaveText(
    'DBRX models take no response format (JSON object or schema). Not sent to this endpoint.',
  );
  expect(await viewRequest(page)).not.toHaveProperty('response_format');
});

const panes = (page: Page) => page.getByTestId('compare-pane');

test('compare: each pane shows whether its answer matched the schema, and the turn how many did', async ({
  page,
  studio,
}) => {
  await enterDemo(page, studio);
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(panes(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Add pane' }).click();
  for (const [i, name] of [LLAMA, GPT_OSS, DBRX].entries())
    await page.getByLabel(`Endpoint for pane ${i + 1}`, { exact: true }).selectOption(name);

  await page.getByRole('button', { name: 'Shared parameters' }).click();
  const shared = page.getByTestId('params-panel');
  await chooseSchema(page, shared, 'Person');
  await expect(shared.getByTestId('format-refusal')).toContainText(
    'Not sent to some panes: DBRX models take no response format',
  );

  await page.getByLabel('Message', { exact: true }).fill('Invent a person who lives in Lisbon.');
  await page.getByRole('button', { name: 'Send to all' }).click();
  await expect(page.getByRole('button', { name: 'Send to all' })).toBeVisible({ timeout: 30_000 });

  const [llama, oss, dbrx] = await panes(page).all();
  for (const pane of [llama, oss]) {
    const badge = (pane as Locator).getByTestId('pane-validation');
    await expect(badge).toHaveAttribute('data-verdict', 'valid');
    await expect(badge).toContainText('Valid JSON · matches person');
    await expect((pane as Locator).getByTestId('json-pretty')).toContainText('"email"');
  }
  const refused = (dbrx as Locator).getByTestId('pane-validation');
  await expect(refused).toHaveAttribute('data-verdict', 'not-sent');
  await expect(refused).toContainText('DBRX models take no response format');
  await expect(page.getByTestId('validation-summary')).toHaveText(
    '2 of 2 panes match the schema · 1 not asked (no response format on its model)',
  );
  await page.screenshot({ path: 'test-results/structured-compare.png' });
});

test("compare: the schema editor inside a pane's parameters closes alone and keeps what was typed", async ({
  page,
  studio,
}) => {
  await enterDemo(page, studio);
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByLabel('Endpoint for pane 1', { exact: true }).selectOption(LLAMA);
  await page.getByRole('button', { name: 'Parameters for pane 1' }).click();
  const own = page.getByRole('dialog', { name: 'Parameters for pane 1' });
  await own.getByLabel('Inherit shared parameters').uncheck();
  await own.getByLabel('Response format').selectOption('json_schema');
  const editor = page.getByRole('dialog', { name: 'Response schema' });
  await editor.getByRole('textbox', { name: 'Name' }).fill('my draft');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(own).toBeVisible();
  // Nothing saved (the name was invalid), nothing lost: the draft comes back.
  await expect(own.getByLabel('Response format')).toHaveValue('text');
  await own.getByLabel('Response format').selectOption('json_schema');
  await expect(editor.getByRole('textbox', { name: 'Name' })).toHaveValue('my draft');
  await expect(editor.getByTestId('schema-problems')).toContainText('no spaces');
  await editor.getByRole('textbox', { name: 'Name' }).fill('my_draft');
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(own.getByTestId('format-summary')).toContainText('Schema "my_draft"');
});
