import type { Page } from '@playwright/test';
import { expect, openApp, test, useDemo } from './fixtures';

/*
 * The conversation gets the room (at 1024×700 the message list takes at least 60 % of the
 * window's height), and what a request sends beyond the defaults is in sight next to the
 * composer, removable in one click; a new conversation starts clean.
 */

async function ask(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
}

test('at 1024×700 the message list takes at least 60 % of the window height, light and dark', async ({
  page,
  studio,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ ttftMs: 0, tokensPerSec: 2_000 });
  await ask(page, 'Explain how vector databases work.');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const box = await page.locator('.chat-layout .messages').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(0.6 * 700);
    await page.screenshot({ path: `test-results/layout-chat-1024-${scheme}.png` });
  }
  // With the parameters open, the toolbar still fits and the list keeps its share.
  await page.getByRole('button', { name: 'Parameters' }).click();
  const open = await page.locator('.chat-layout .messages').boundingBox();
  expect(open?.height ?? 0).toBeGreaterThanOrEqual(0.6 * 700);
  await page.screenshot({ path: 'test-results/layout-chat-1024-params.png' });
  // There it is a drawer over the toolbar, with its own Close.
  await page.getByRole('button', { name: 'Close parameters' }).click();
  await expect(page.getByTestId('params-panel')).toBeHidden();
});

test('set parameters show as chips beside the composer; × unsets one; a new conversation starts clean', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await useDemo(page);
  await expect(page.getByTestId('param-chips')).toHaveCount(0);
  await page.getByRole('button', { name: 'Parameters' }).click();
  const panel = page.getByTestId('params-panel');
  await panel.getByRole('textbox', { name: 'Temperature', exact: true }).fill('0');
  await panel.getByRole('textbox', { name: 'Max tokens', exact: true }).fill('40');
  const chips = page.getByTestId('param-chips');
  await expect(chips).toContainText('max_tokens 40');
  await expect(chips).toContainText('temperature 0');

  await chips.getByRole('button', { name: 'Remove temperature 0' }).click();
  await expect(chips).not.toContainText('temperature');
  await expect(panel.getByRole('textbox', { name: 'Temperature', exact: true })).toHaveValue('');

  await ask(page, 'Hello there');
  await page.getByRole('button', { name: 'New conversation', exact: true }).click();
  await expect(page.getByTestId('param-chips')).toHaveCount(0);
  await expect(panel.getByRole('textbox', { name: 'Max tokens', exact: true })).toHaveValue('');
});

test('a default preset is what new conversations start from', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  await page.getByRole('button', { name: 'Parameters' }).click();
  const panel = page.getByTestId('params-panel');
  await panel.getByRole('textbox', { name: 'Temperature', exact: true }).fill('0.2');
  const menu = page.getByTestId('preset-menu');
  await menu.getByRole('button', { name: 'Save preset' }).click();
  const save = page.getByRole('dialog', { name: 'Save preset' });
  await save.getByLabel('Preset name').fill('Careful');
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await menu.getByRole('button', { name: 'Default for new conversations' }).click();
  await expect(menu.getByRole('button', { name: 'Default for new conversations' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await panel.getByRole('textbox', { name: 'Temperature', exact: true }).fill('1.5');
  await ask(page, 'Hello there');
  await page.getByRole('button', { name: 'New conversation', exact: true }).click();
  await expect(panel.getByRole('textbox', { name: 'Temperature', exact: true })).toHaveValue('0.2');
  await expect(page.getByTestId('param-chips')).toContainText('temperature 0.2');
  // Remembered across a reload.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await page.getByRole('button', { name: 'New conversation', exact: true }).click();
  const toggle = page.getByRole('button', { name: 'Parameters' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(
    page.getByTestId('params-panel').getByRole('textbox', { name: 'Temperature', exact: true }),
  ).toHaveValue('0.2');
});
