import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { useDemo as chooseDemo, expect, openApp, type StudioHost, test } from './fixtures';

/**
 * Persistence as the user sees it: the sidebar (newest first, rename, delete + Undo), search
 * across conversations with a jump to the hit, per-conversation and full exports, import
 * into a fresh profile, and conversations surviving a reload.
 */

const ENDPOINT = 'databricks-meta-llama-3-1-70b-instruct';

async function start(page: Page, studio: StudioHost): Promise<void> {
  await openApp(page, studio);
  await chooseDemo(page);
  await studio.configureDemo({ ttftMs: 20, tokensPerSec: 3000 });
  await page.getByLabel('Endpoint').selectOption(ENDPOINT);
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Conversations' });
const items = (page: Page) => page.getByTestId('conversation-item');

/**
 * Sends `text` and waits for the whole answer. The list is virtualized, so counting answers
 * in the DOM says nothing (older ones unmount as the list follows the newest): the question
 * and its answer go in together, so once the question is the last one, the last answer is its.
 */
async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByTestId('user-message').last()).toContainText(text);
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
}

async function newConversation(page: Page): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'New conversation' }).click();
  await expect(page.getByTestId('user-message')).toHaveCount(0);
}

async function titles(page: Page): Promise<string[]> {
  return items(page).evaluateAll((els) =>
    els.map((e) => e.querySelector('.conversation__title')?.textContent ?? ''),
  );
}

test('conversations are listed newest first, survive a reload and keep a new name', async ({
  page,
  studio,
}) => {
  await start(page, studio);
  await send(page, 'Tell me about lighthouses');
  await expect(items(page)).toHaveCount(1);
  await newConversation(page);
  await send(page, 'Explain quantum computing');
  await expect(items(page)).toHaveCount(2);
  expect(await titles(page)).toEqual([
    expect.stringContaining('Explain quantum computing'),
    expect.stringContaining('Tell me about lighthouses'),
  ]);
  await expect(items(page).first()).toHaveAttribute('aria-current', 'true');
  await expect(items(page).first()).toContainText(ENDPOINT);

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(items(page)).toHaveCount(2);
  await expect(page.getByTestId('user-message')).toContainText('Explain quantum computing');
  await expect(page.getByTestId('assistant-message')).toHaveAttribute('data-status', 'done');

  // Rename inline: double-click, type, Enter. Esc on a second edit cancels.
  await items(page)
    .nth(1)
    .getByRole('button', { name: /^Tell me about lighthouses/ })
    .dblclick();
  const field = sidebar(page).getByLabel('Conversation title');
  await field.fill('Lighthouse notes');
  await field.press('Enter');
  await expect(items(page).nth(1)).toContainText('Lighthouse notes');
  await items(page).nth(1).getByRole('button', { name: 'More actions for Lighthouse notes' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await sidebar(page).getByLabel('Conversation title').fill('Discarded');
  await sidebar(page).getByLabel('Conversation title').press('Escape');
  await expect(items(page).nth(1)).toContainText('Lighthouse notes');

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  // Renaming does not move a conversation up: the order is by last message.
  await expect
    .poll(() => titles(page))
    .toEqual([expect.stringContaining('Explain quantum'), 'Lighthouse notes']);
  await page.screenshot({ path: 'test-results/conversations-sidebar.png' });
});

test('delete offers Undo, which brings the conversation back', async ({ page, studio }) => {
  await start(page, studio);
  await send(page, 'Write a story about a lighthouse.');
  await newConversation(page);
  await send(page, 'Explain quantum computing');
  const victim = items(page).first();
  const id = await victim.getAttribute('data-conversation-id');
  await victim.getByRole('button', { name: /More actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();

  const toast = page.getByTestId('undo-toast');
  await expect(toast).toBeVisible();
  await expect(page.getByRole('status').filter({ has: toast })).toBeVisible();
  await expect(items(page)).toHaveCount(1);
  // The open conversation was deleted: the chat starts a new one.
  await expect(page.getByTestId('user-message')).toHaveCount(0);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toBeHidden();
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).first()).toHaveAttribute('data-conversation-id', id ?? '');
  await expect(page.getByTestId('user-message')).toContainText('Explain quantum computing');
  await page.reload();
  await expect(items(page)).toHaveCount(2);
});

test('search finds a word from an old conversation and jumps to it', async ({ page, studio }) => {
  await start(page, studio);
  await send(page, 'Write a poem about the zephyrine lighthouse keeper.');
  // More turns so the hit is far above the end of the conversation.
  await send(page, 'Explain quantum computing in simple terms.');
  await send(page, 'Write a story about a lighthouse.');
  const oldId = await items(page).first().getAttribute('data-conversation-id');
  await newConversation(page);
  await send(page, 'Explain quantum computing');
  await expect(items(page).first()).not.toHaveAttribute('data-conversation-id', oldId ?? '');

  await page.keyboard.press('ControlOrMeta+k');
  const search = page.getByLabel('Search conversations');
  await expect(search).toBeFocused();
  await search.fill('ZEPHYRINE');
  // The question and the demo's answer (which repeats the topic) match; newest first, so the
  // question is the last hit. The title (made from the question) is not listed twice.
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(2);
  await expect(hits.last().locator('mark')).toHaveText('zephyrine');
  await hits.last().click();

  const target = page.getByTestId('user-message').filter({ hasText: 'zephyrine' });
  await expect(target).toBeInViewport();
  await search.fill('');
  await expect(
    page.locator(`[data-testid="conversation-item"][data-conversation-id="${oldId}"]`),
  ).toHaveAttribute('aria-current', 'true');
  await page.screenshot({ path: 'test-results/conversations-search.png' });
});

test('exports a conversation and all data, and imports into a fresh profile', async ({
  page,
  studio,
  browser,
}) => {
  await start(page, studio);
  await send(page, 'Tell me about lighthouses');
  await newConversation(page);
  await send(page, 'Explain quantum computing');

  // One conversation as Markdown.
  await items(page)
    .first()
    .getByRole('button', { name: /More actions for/ })
    .click();
  const mdDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export as Markdown' }).click();
  const md = await mdDownload;
  expect(md.suggestedFilename()).toMatch(/^explain-quantum-computing.*\.md$/);
  const markdown = readFileSync(await md.path(), 'utf8');
  expect(markdown).toContain('## User\n\nExplain quantum computing');
  expect(markdown).toMatch(/## Assistant[\s\S]*TTFT/);

  // Everything as JSON.
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const allDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all data (JSON)' }).click();
  const exported = JSON.parse(readFileSync(await (await allDownload).path(), 'utf8'));
  expect(exported.format).toBe('serving-studio-export');
  expect(exported.conversations).toHaveLength(2);
  expect(exported.messages).toHaveLength(4);

  // A fresh browser profile: an empty IndexedDB (the workspace lives on the host).
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await openApp(fresh, studio);
  if (await fresh.getByTestId('first-run').isVisible()) await chooseDemo(fresh);
  await fresh.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const chooser = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooser).setFiles(await (await allDownload).path());
  await expect(fresh.getByText('Imported 2 conversations, 4 messages')).toBeVisible();

  const again = fresh.waitForEvent('download');
  await fresh.getByRole('button', { name: 'Export all data (JSON)' }).click();
  const reexported = JSON.parse(readFileSync(await (await again).path(), 'utf8'));
  expect({ ...reexported, exportedAt: 0 }).toEqual({ ...exported, exportedAt: 0 });

  // The same file again adds nothing, and says so.
  const chooserAgain = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooserAgain).setFiles(await (await allDownload).path());
  await expect(fresh.getByText(/Nothing new: 2 conversations(,| and) 4 messages/)).toBeVisible();

  // A bad file is refused with a reason.
  const badChooser = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Import JSON' }).click();
  await (await badChooser).setFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"a":1}'),
  });
  await expect(fresh.getByRole('alert')).toContainText('not a Serving Studio export');

  await fresh.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
  await expect(fresh.getByTestId('conversation-item')).toHaveCount(2);
  await fresh
    .getByTestId('conversation-item')
    .nth(1)
    .getByRole('button', { name: /^Tell me about lighthouses/ })
    .click();
  await expect(fresh.getByTestId('user-message')).toContainText('Tell me about lighthouses');
  await context.close();
});
