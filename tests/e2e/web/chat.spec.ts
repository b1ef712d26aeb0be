import type { Page } from '@playwright/test';
import { useDemo as enterDemo, expect, openApp, type StudioHost, test } from './fixtures';

/** The conversation: branches, choices, persistence mid-stream, errors that help, rendering. */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';

async function start(
  page: Page,
  studio: StudioHost,
  endpoint = LLAMA,
  pace = { ttftMs: 30, tokensPerSec: 1_500 },
) {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo(pace);
  await page.getByLabel('Endpoint').selectOption(endpoint);
}

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const answers = (page: Page) => page.getByTestId('assistant-message');

async function lastDone(page: Page) {
  const answer = answers(page).last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return answer;
}

/** Opens the parameters panel and sets a numeric parameter. */
async function setParam(page: Page, label: string, value: string) {
  const panel = page.getByTestId('params-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Parameters' }).click();
  await panel.getByLabel(label, { exact: true }).fill(value);
  await panel.getByLabel(label, { exact: true }).blur();
}

test('temperature 0 gives the same answer twice (regenerate makes a branch)', async ({ page, studio }) => {
  await start(page, studio);
  await setParam(page, 'Temperature', '0');
  await send(page, 'Describe a lighthouse keeper.');
  const first = (await (await lastDone(page)).locator('.markdown').textContent()) ?? '';
  expect(first.length).toBeGreaterThan(20);
  await answers(page).last().getByRole('button', { name: 'Regenerate' }).click();
  await expect(answers(page).last().getByTestId('branch-switcher')).toContainText('2/2');
  const second = (await (await lastDone(page)).locator('.markdown').textContent()) ?? '';
  expect(second).toBe(first);
  await expect(page.getByTestId('conversation-totals')).toContainText('2 answers');
});

test('n = 3 shows three choices as tabs; the picked one continues the conversation', async ({
  page,
  studio,
}) => {
  await start(page, studio);
  await setParam(page, 'Choices (n)', '3');
  await send(page, 'Name a colour.');
  const answer = await lastDone(page);
  const tabs = answer.getByRole('tablist').getByRole('tab');
  await expect(tabs).toHaveCount(3);
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await answer.getByRole('tab', { name: 'Choice 3' }).click();
  await expect(answer.getByRole('tab', { name: 'Choice 3' })).toHaveAttribute('aria-selected', 'true');
  const third = (await answer.getByRole('tabpanel').textContent()) ?? '';
  expect(third.length).toBeGreaterThan(0);
  await expect(answer.getByTestId('message-metrics')).toContainText('finish_reason');
});

test('edit-and-resend creates a branch you can switch back from; light and dark screenshots', async ({
  page,
  studio,
}) => {
  await start(page, studio);
  await send(page, 'What is a tide?');
  await lastDone(page);
  const user = page.getByTestId('user-message').last();
  await user.getByRole('button', { name: 'Edit' }).click();
  await user.getByLabel('Edited text').fill('What is a tsunami?');
  await user.getByRole('button', { name: 'Save and send' }).click();
  await lastDone(page);
  const edited = page.getByTestId('user-message').last();
  await expect(edited).toContainText('What is a tsunami?');
  await expect(edited.getByTestId('branch-switcher')).toContainText('2/2');
  await edited.getByRole('button', { name: 'Previous branch' }).click();
  await expect(page.getByTestId('user-message').last()).toContainText('What is a tide?');
  await expect(page.getByTestId('user-message').last().getByTestId('branch-switcher')).toContainText('1/2');
  const metrics = answers(page).last().getByTestId('message-metrics');
  await expect(metrics).toContainText(/TTFT.*cost/);
  await metrics.scrollIntoViewIfNeeded();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/chat-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/chat-dark.png' });
});

test('a reload mid-stream keeps the partial answer, interrupted, with Continue and Retry', async ({
  page,
  studio,
}) => {
  await start(page, studio, LLAMA, { ttftMs: 30, tokensPerSec: 20 });
  await send(page, 'Write a long story about a lighthouse.');
  const answer = answers(page).last();
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect
    .poll(async () => (await answer.textContent())?.length ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(60);
  await page.waitForTimeout(800); // at least one throttled save
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  const interrupted = answers(page).last();
  await expect(interrupted).toHaveAttribute('data-status', 'interrupted');
  const partial = ((await interrupted.locator('.markdown').textContent()) ?? '').trim();
  expect(partial.length).toBeGreaterThan(20);
  // Shown and counted with what is known: its output so far, estimated.
  await expect(interrupted.getByTestId('message-metrics')).toContainText(/interrupted · ~\d+ tokens out/);
  await expect(page.getByTestId('conversation-totals')).toContainText('1 answer');
  await expect(interrupted.getByRole('button', { name: 'Retry' })).toBeVisible();
  await studio.configureDemo({ tokensPerSec: 2_000 });
  await interrupted.getByRole('button', { name: 'Continue' }).click();
  const continued = await lastDone(page);
  expect(((await continued.locator('.markdown').textContent()) ?? '').length).toBeGreaterThan(partial.length);
  await expect(answers(page)).toHaveCount(1);
});

test('a 404 says the endpoint is not found and offers another one', async ({ page, studio }) => {
  await start(page, studio);
  await studio.configureDemo({ faults: [{ type: 'http-error', status: 404, endpoint: LLAMA, times: 1 }] });
  await send(page, 'Hello?');
  const error = page.getByTestId('chat-error');
  await expect(error).toContainText(/not found/i);
  await expect(page.getByLabel('Message')).toHaveValue('Hello?');
  await error.getByRole('button', { name: 'Pick another endpoint' }).click();
  await expect(page.getByLabel('Endpoint')).toBeFocused();
  await error.getByRole('button', { name: `Use ${DBRX}`, exact: false }).click();
  await lastDone(page);
  await expect(page.getByLabel('Endpoint')).toHaveValue(DBRX);
});

test('a context overflow says by how much and offers trimming or a larger endpoint', async ({
  page,
  studio,
}) => {
  await start(page, studio, DBRX);
  // "x, " is two tokens per three characters in the demo tokenizer: ~93k tokens.
  await send(page, 'x, '.repeat(46_000));
  const error = page.getByTestId('chat-error');
  await expect(error).toContainText(/tokens over the 32,768-token context window/);
  await expect(error.getByRole('button', { name: 'Trim older turns' })).toBeDisabled();
  await error.getByRole('button', { name: 'Pick another endpoint' }).click();
  await error.getByRole('button', { name: new RegExp(`Use ${LLAMA}`) }).click();
  await lastDone(page);
  // The long turn now sits in the history: on the 32k endpoint, trimming is what helps.
  await page.getByLabel('Endpoint').selectOption(DBRX);
  await send(page, 'Summarise that briefly.');
  await expect(error.getByRole('button', { name: 'Trim older turns' })).toBeEnabled();
  await error.getByRole('button', { name: 'Trim older turns' }).click();
  await lastDone(page);
  await expect(page.getByTestId('trim-notice')).toContainText('left out');
  await expect(page.getByTestId('user-message')).toHaveCount(2);
});

test('"$5 or $10" in an answer stays text, with no math', async ({ page, studio }) => {
  await start(page, studio);
  await send(page, 'Hi');
  await lastDone(page);
  // Put an answer with dollar amounts in the saved conversation, then reopen it.
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((done, fail) => {
      const request = indexedDB.open('serving-studio');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const tx = db.transaction('messages', 'readwrite');
    const store = tx.objectStore('messages');
    const all: { role: string; content: string; choices?: { text: string }[] }[] = await new Promise(
      (done) => {
        const r = store.getAll();
        r.onsuccess = () => done(r.result);
      },
    );
    const answer = all.find((m) => m.role === 'assistant');
    if (!answer) throw new Error('no answer');
    const text = 'It costs $5 or $10 depending on size.';
    store.put({ ...answer, content: text, choices: [{ text, finishReason: 'stop' }] });
    await new Promise((done) => {
      tx.oncomplete = done;
    });
  });
  await page.reload();
  const answer = answers(page).last();
  await expect(answer).toContainText('It costs $5 or $10 depending on size.');
  await expect(answer.locator('.katex, math')).toHaveCount(0);
});
