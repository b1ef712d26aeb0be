import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { useDemo as enterDemo, expect, openApp, type StudioHost, test } from './fixtures';

/*
 * Pictures in a chat: attached by the file picker, sent to a vision model (which names their
 * size and colour), refused before sending to a text-only one, and kept through an export and
 * an import.
 */

const VISION = 'databricks-claude-sonnet-4-6';
const TEXT_ONLY = 'databricks-meta-llama-3-3-70b-instruct';

/** A `width`×`height` PNG of one colour, made here so the test owns its pixels. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([r, g, b, 255], i * 4);
  return PNG.sync.write(png);
}

const RED = { name: 'red.png', mimeType: 'image/png', buffer: solidPng(64, 48, [220, 20, 20]) };

async function start(page: Page, studio: StudioHost, endpoint: string) {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo({ ttftMs: 30, tokensPerSec: 1_500 });
  await page.getByLabel('Endpoint').selectOption(endpoint);
}

async function attach(page: Page, file: typeof RED = RED) {
  await page.getByTestId('attach-image-input').setInputFiles(file);
  await expect(page.getByTestId('image-drop').getByTestId('image-thumb')).toContainText(
    `${file.name} · 64×48`,
  );
}

const answers = (page: Page) => page.getByTestId('assistant-message');

test('a vision model is sent the picture and names its size and colour', async ({ page, studio }) => {
  await start(page, studio, VISION);
  await expect(page.getByTestId('image-limits')).toContainText('up to 20 per message');
  await attach(page);
  await page.getByLabel('Message').fill('What is in this picture?');
  await page.getByRole('button', { name: 'Send' }).click();

  const user = page.getByTestId('user-message').last();
  await expect(user.getByTestId('image-thumb')).toContainText('red.png · 64×48');
  const answer = answers(page).last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(answer).toContainText('64×48');
  await expect(answer).toContainText(/red/i);
  // The composer is empty again: the picture went with the message.
  await expect(page.getByTestId('image-drop').getByTestId('image-thumb')).toHaveCount(0);
});

test('a text-only model is refused before sending, with the reason; nothing is lost', async ({
  page,
  studio,
}) => {
  await start(page, studio, TEXT_ONLY);
  await expect(page.getByTestId('image-limits')).toContainText('take no images');
  await attach(page);
  await page.getByLabel('Message').fill('Describe it');
  await expect(page.getByTestId('images-refused')).toContainText('text only: they take no images');
  await expect(page.getByTestId('images-refused')).toContainText('pick a vision model');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByTestId('user-message')).toHaveCount(0);
  // The draft and its picture are still there; a vision model takes them.
  await expect(page.getByLabel('Message')).toHaveValue('Describe it');
  await page.getByLabel('Endpoint').selectOption(VISION);
  await expect(page.getByTestId('images-refused')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();

  // A wrong type and too many are refused at attach time, naming the file, keeping the rest.
  await page
    .getByTestId('attach-image-input')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
  await expect(page.getByTestId('attach-error')).toContainText('notes.txt is not a PNG, JPEG, GIF or WebP');
  await expect(page.getByTestId('image-drop').getByTestId('image-thumb')).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove red.png' }).click();
  await expect(page.getByTestId('image-drop').getByTestId('image-thumb')).toHaveCount(0);

  // A large picture is scaled down in the app, its original size still shown.
  await page
    .getByTestId('attach-image-input')
    .setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: solidPng(2000, 1500, [20, 20, 220]) });
  await expect(page.getByTestId('image-drop').getByTestId('image-thumb')).toContainText(
    /wide\.png · 2000×1500, .+ → 1568×1176, /,
  );
  await expect(page.getByLabel('Message')).toHaveValue('Describe it');
});

test('a conversation with a picture is exported and imported with the same bytes', async ({
  page,
  studio,
  browser,
}) => {
  await start(page, studio, VISION);
  await attach(page);
  await page.getByLabel('Message').fill('What is in this picture?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(answers(page).last()).toHaveAttribute('data-status', /done|error/, { timeout: 30_000 });
  await expect(page.getByTestId('user-message').getByTestId('image-thumb')).toHaveCount(1);

  // After a reload the thumbnail is read back from storage, and opens larger.
  await page.reload();
  const thumb = page.getByTestId('user-message').getByTestId('image-thumb');
  await expect(thumb).toContainText('red.png · 64×48');
  await thumb.getByRole('button', { name: 'Open red.png' }).click();
  await expect(page.getByTestId('image-viewer').getByRole('img', { name: 'red.png' })).toBeVisible();
  await page.getByTestId('image-viewer').getByRole('button', { name: 'Close' }).click();

  await page
    .getByTestId('conversation-item')
    .first()
    .getByRole('button', { name: /More actions for/ })
    .click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export as JSON' }).click();
  const path = await (await download).path();
  const file = JSON.parse(readFileSync(path, 'utf8'));
  expect(file.images).toHaveLength(1);
  expect(Buffer.from(file.images[0].data, 'base64').equals(RED.buffer)).toBe(true);
  const user = file.messages.find((m: { role: string }) => m.role === 'user');
  expect(user.attachments[0]).toMatchObject({ name: 'red.png', width: 64, height: 48, mime: 'image/png' });
  expect(JSON.stringify(user)).not.toContain(file.images[0].data);

  // A fresh profile: import, and the picture is back.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await openApp(fresh, studio);
  if (await fresh.getByTestId('first-run').isVisible()) await enterDemo(fresh);
  await fresh.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const chooser = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooser).setFiles(path);
  await expect(fresh.getByText(/Imported 1 conversation, 2 messages.*1 image/)).toBeVisible();
  await fresh.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
  await fresh.getByTestId('conversation-item').first().click();
  await expect(fresh.getByTestId('user-message').getByTestId('image-thumb')).toContainText('red.png · 64×48');

  // Re-importing the same file duplicates nothing.
  await fresh.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const again = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Import JSON' }).click();
  await (await again).setFiles(path);
  await expect(fresh.getByText(/Nothing new: .*1 image already here/)).toBeVisible();
  await context.close();
});

test('compare: the picture goes to the vision pane; the text-only pane is refused with the reason', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo({ ttftMs: 30, tokensPerSec: 1_500 });
  await page.getByRole('navigation').getByRole('button', { name: 'Compare', exact: true }).click();
  const panes = page.getByTestId('compare-pane');
  await expect(panes).toHaveCount(2);
  await page.getByLabel('Endpoint for pane 1', { exact: true }).selectOption(VISION);
  await page.getByLabel('Endpoint for pane 2', { exact: true }).selectOption(TEXT_ONLY);
  await attach(page);
  await expect(page.getByTestId('images-refused')).toContainText(`pane 2 (${TEXT_ONLY})`);
  await page.getByLabel('Message', { exact: true }).fill('What is in this picture?');
  await page.getByRole('button', { name: 'Send to all' }).click();
  await expect(page.getByRole('button', { name: 'Send to all' })).toBeVisible({ timeout: 30_000 });
  await expect(panes.nth(1).getByTestId('pane-answer').last()).toContainText(
    'text only: they take no images',
  );
  await expect(panes.nth(0).getByTestId('pane-answer').last()).not.toContainText('take no images');
  await expect(panes.nth(0).getByTestId('pane-answer').last()).not.toBeEmpty();
});
