import type { Page } from '@playwright/test';
import { useDemo as enterDemo, expect, openApp, type StudioHost, test } from './fixtures';

/**
 * Errors in the server's own words, then the app's advice; the limit a 429 names; a retired
 * endpoint shown as missing instead of replaced; and what Retry sends after an interrupted
 * answer — checked on the bridge frames the page really sends.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';

async function start(page: Page, studio: StudioHost) {
  await openApp(page, studio);
  await enterDemo(page);
  await studio.configureDemo({ ttftMs: 20, tokensPerSec: 1_500 });
  await page.getByLabel('Endpoint').selectOption(LLAMA);
}

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** The messages of every `chat:start` the page sends over the bridge, in order. */
function recordChatStarts(page: Page): { role: string; content: string }[][] {
  const starts: { role: string; content: string }[][] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const frame = JSON.parse(payload) as { channel?: string; payload?: { messages?: never[] } };
      if (frame.channel === 'chat:start') starts.push(frame.payload?.messages ?? []);
    });
  });
  return starts;
}

test('a per-minute 429 is named per minute, in the server’s words first, with the countdown', async ({
  page,
  studio,
}) => {
  await start(page, studio);
  await studio.configureDemo({ rateLimits: { [LLAMA]: { queriesPerMinute: 0 } } });
  await send(page, 'Summarise the history of the printing press.');
  const error = page.getByTestId('chat-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error.getByTestId('server-message')).toContainText(
    `Exceeded workspace queries per minute rate limit for ${LLAMA}`,
  );
  await expect(error.getByTestId('error-advice')).toContainText('Rate limited (queries per minute)');
  await expect(error).not.toContainText(/per second/i);
  await expect(error.getByTestId('rate-limit-countdown')).toContainText(/You can retry in \d+s\./);
});

test('Retry after an interrupted answer sends the conversation without the partial text', async ({
  page,
  studio,
}) => {
  const starts = recordChatStarts(page);
  await start(page, studio);
  await studio.configureDemo({
    faults: [{ type: 'disconnect', afterTokens: 12, endpoint: LLAMA, times: 1 }],
  });
  const question = 'Write a short story about a lighthouse.';
  await send(page, question);
  const broken = page.getByTestId('assistant-message').last();
  await expect(broken).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(broken).toContainText('Interrupted');
  const partial = ((await broken.locator('.markdown').textContent()) ?? '').trim();
  expect(partial.length).toBeGreaterThan(0);

  await broken.getByRole('button', { name: 'Retry' }).click();
  const fresh = page.getByTestId('assistant-message').last();
  await expect(fresh).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect.poll(() => starts.length).toBe(2);
  // What went over the wire: the question alone, no partial assistant turn.
  expect(starts[1]).toEqual([{ role: 'user', content: question }]);

  // View request now shows the conversation with the new answer as its only assistant turn.
  await page.getByRole('button', { name: 'View request' }).click();
  const body = JSON.parse((await page.getByTestId('request-json').textContent()) ?? '{}') as {
    messages: { role: string; content: string }[];
  };
  const assistant = body.messages.filter((m) => m.role === 'assistant');
  expect(assistant).toHaveLength(1);
  expect(assistant[0]?.content.length).toBeGreaterThan(partial.length);
});

test('a retired endpoint is shown as missing with the server’s reason, never replaced', async ({
  page,
  studio,
}) => {
  await start(page, studio);
  const said = `The endpoint ${LLAMA} has been retired. Please use another model.`;
  await studio.configureDemo({
    faults: [
      {
        type: 'http-error',
        status: 404,
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        message: said,
        endpoint: LLAMA,
      },
    ],
  });
  await send(page, 'Hello?');
  const error = page.getByTestId('chat-error');
  await expect(error.getByTestId('server-message')).toContainText(said);
  await expect(error).toContainText('has been retired. Pick another model.');
  await expect(error.getByRole('button', { name: 'Pick another model' })).toBeVisible();

  // The picker keeps it, labelled missing, with the reason; Send waits for another choice.
  const picker = page.getByLabel('Endpoint');
  await expect(picker).toHaveValue(LLAMA);
  await expect(picker.locator('option:checked')).toHaveText(new RegExp(`^${LLAMA}.* \\(missing\\)$`));
  await expect(page.getByTestId('endpoint-missing')).toContainText(said);
  await expect(page.getByLabel('Message')).toHaveValue('Hello?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();

  await picker.selectOption(DBRX);
  await expect(page.getByTestId('endpoint-missing')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
});
