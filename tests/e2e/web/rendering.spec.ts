import type { Page } from '@playwright/test';
import { SHORTCUTS } from '../../../renderer/app/shortcuts';
import { expect, openApp, test, useDemo } from './fixtures';

/**
 * Rendering and comfort: highlighted code with a Copy button, the shortcuts dialog, and the
 * light/dark theme (following the OS, overridable in Settings, kept across a reload).
 * Math and "$5 or $10" are covered by the unit tests of the markdown pipeline: the demo
 * model can't be made to write TeX.
 */

const ENDPOINT = 'databricks-meta-llama-3-1-70b-instruct';

/** Sends a prompt that makes the demo model answer with a Python code block; waits for the end. */
async function askForCode(page: Page) {
  await page.getByLabel('Endpoint').selectOption(ENDPOINT);
  await page.getByLabel('Message').fill('Write a short Python function that counts words.');
  await page.getByLabel('Message').press('Enter');
  const answer = page.getByTestId('assistant-message').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return answer;
}

/** The page background, as the browser computes it. */
function background(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

test('a finished answer has highlighted code with a Copy button, in light and dark', async ({
  page,
  studio,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ ttftMs: 50, tokensPerSec: 600 });
  const answer = await askForCode(page);

  const block = answer.getByTestId('code-block').first();
  await expect(block).toHaveAttribute('data-highlighted', 'true');
  await expect(block.locator('pre code.hljs')).toBeVisible();
  expect(await block.locator('pre code [class^="hljs-"]').count()).toBeGreaterThan(2);
  await expect(block).toContainText('python');

  const code = (await block.locator('pre code').textContent()) ?? '';
  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  await block.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/rendering-light.png' });

  // Theme "System" (the default) follows the OS live.
  const light = await background(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).not.toBe(light);
  await page.screenshot({ path: 'test-results/rendering-dark.png' });
});

test('a task list item shows its checkbox without a bullet; a plain item keeps its bullet', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ ttftMs: 50, tokensPerSec: 600 });
  const answer = await askForCode(page);
  // The demo model can't be made to write "- [ ] x", so the list remark-gfm renders for it
  // (pinned by the markdown unit tests) is added to a real answer, under the real stylesheet.
  await answer.getByTestId('markdown').evaluate((root) => {
    root.insertAdjacentHTML(
      'beforeend',
      '<ul class="contains-task-list" data-testid="task-probe"><li class="task-list-item">' +
        '<input type="checkbox" disabled> todo</li><li>plain</li></ul>',
    );
  });
  const items = answer.getByTestId('task-probe').getByRole('listitem');
  const marker = (i: number) => items.nth(i).evaluate((li) => getComputedStyle(li).listStyleType);
  expect(await marker(0)).toBe('none');
  expect(await marker(1)).not.toBe('none');
  await expect(items.first().getByRole('checkbox')).toBeVisible();
});

test('Ctrl+/ opens the shortcuts dialog listing every shortcut; Esc closes it', async ({ page, studio }) => {
  await openApp(page, studio);
  await useDemo(page);
  // Plain typing is never taken by a shortcut.
  await page.getByLabel('Message').click();
  await page.keyboard.type('a/b?');
  await expect(page.getByLabel('Message')).toHaveValue('a/b?');
  await page.keyboard.press('Control+/');

  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  await expect(dialog.getByTestId('shortcut-row')).toHaveCount(SHORTCUTS.length);
  for (const { description } of SHORTCUTS) await expect(dialog).toContainText(description);
  // Platform key names: Ctrl on Linux.
  await expect(dialog.getByTestId('shortcut-row').filter({ hasText: 'Search conversations' })).toContainText(
    /Ctrl\s*K/,
  );
  await expect(dialog.getByTestId('shortcut-row').filter({ hasText: 'New chat' })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/shortcuts-dialog.png' });

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The header button opens it too.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('choosing the Dark theme changes the colours and persists after a reload', async ({ page, studio }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, studio);
  await useDemo(page);
  const light = await background(page);

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await theme.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background(page);
  expect(dark).not.toBe(light);

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(dark);
  await expect(page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' })).toBeChecked();

  // Back to Light: an explicit choice beats the OS.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe(light);
});
