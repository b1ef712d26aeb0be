import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { useDemo as enterDemo, expect, openApp, test } from './fixtures';

/*
 * A conversation that used a tool and carries a picture survives an export and an import into
 * a fresh profile: the picture's bytes, the tool call, its arguments and its result.
 */

const CLAUDE = 'databricks-claude-sonnet-4-6';

function bluePng(): Buffer {
  const png = new PNG({ width: 40, height: 30 });
  for (let i = 0; i < 40 * 30; i++) png.data.set([30, 60, 220, 255], i * 4);
  return PNG.sync.write(png);
}

test('a conversation with a tool call and an image is exported and imported losslessly', async ({
  page,
  studio,
  browser,
}) => {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo({ ttftMs: 30, tokensPerSec: 1_500 });
  await page.getByLabel('Endpoint').selectOption(CLAUDE);

  // A tool from the examples.
  await page.getByRole('button', { name: 'Parameters' }).click();
  await page.getByTestId('params-panel').getByRole('button', { name: 'Tools (0)' }).click();
  const editor = page.getByTestId('tools-editor');
  await editor.getByLabel('Add an example tool').selectOption('get_weather');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();

  // A picture and a question the tool answers.
  const image = { name: 'blue.png', mimeType: 'image/png', buffer: bluePng() };
  await page.getByTestId('attach-image-input').setInputFiles(image);
  await expect(page.getByTestId('image-drop').getByTestId('image-thumb')).toContainText('blue.png · 40×30');
  await page.getByLabel('Message').fill('What is the weather in Paris today?');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const card = answer.getByTestId('tool-card');
  await expect(card).toHaveAttribute('data-tool', 'get_weather');
  await card.getByLabel('Result of get_weather').fill('{"temperature": 21}');
  await answer.getByRole('button', { name: 'Send results' }).click();
  await expect(answer.getByTestId('answer-text')).toContainText('21', { timeout: 30_000 });

  // Export the conversation as JSON.
  await page
    .getByTestId('conversation-item')
    .first()
    .getByRole('button', { name: /More actions for/ })
    .click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export as JSON' }).click();
  const path = await (await download).path();
  const file = JSON.parse(readFileSync(path, 'utf8'));
  expect(Buffer.from(file.images[0].data, 'base64').equals(image.buffer)).toBe(true);
  const assistant = file.messages.find((m: { role: string }) => m.role === 'assistant');
  const items = assistant.choices[0].items as { type: string; name?: string; output?: string }[];
  expect(items.map((i) => i.type)).toEqual(['function_call', 'function_call_output']);
  expect(items[0]?.name).toBe('get_weather');
  expect(items[1]?.output).toBe('{"temperature": 21}');

  // Import into a fresh profile: the picture, the call and its result are back.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await openApp(fresh, studio);
  if (await fresh.getByTestId('first-run').isVisible()) await enterDemo(fresh);
  await fresh.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const chooser = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooser).setFiles(path);
  await expect(fresh.getByText(/Imported 1 conversation/)).toBeVisible();
  await fresh.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
  await fresh.getByTestId('conversation-item').first().click();
  await expect(fresh.getByTestId('user-message').getByTestId('image-thumb')).toContainText(
    'blue.png · 40×30',
  );
  const imported = fresh.getByTestId('assistant-message').last();
  await expect(imported.getByTestId('tool-card')).toHaveAttribute('data-tool', 'get_weather');
  await expect(imported.getByTestId('tool-output')).toContainText('"temperature": 21');
  await expect(imported.getByTestId('answer-text')).toContainText('21');

  // Settings → Data: the export says what it holds and its size, the image included.
  await fresh.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const all = fresh.waitForEvent('download');
  await fresh.getByRole('button', { name: 'Export all data (JSON)' }).click();
  await all;
  await expect(fresh.getByTestId('export-summary')).toHaveText(
    /^Exported 1 conversation, 2 messages.* and 1 image \(\d+(\.\d)? KB\)\.$/,
  );
  await context.close();
});
