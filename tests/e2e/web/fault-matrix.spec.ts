import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { type DemoWorkspace, startDemoWorkspace } from '../../../electron/demo-workspace/server';
import { type StudioHost, startHost } from '../../support/studio-host';
import { useDemo as enterDemo, openApp, test } from './fixtures';

/*
 * The fault matrix: every way a workspace answer can go wrong (a dropped connection before or
 * after the first token, 429s of each limit kind with and without Retry-After, 500, 503, a
 * malformed chunk, an error inside a 200 stream, a stalled stream, a slow first byte, a
 * refused connection, the host killed mid-stream) × chat, compare and completion. For each:
 * the message names what happened in its own words, the text already shown stays on screen,
 * and IndexedDB still holds everything saved, the partial answer included.
 *
 * One host serves a whole view's table: each case sets its fault on the demo workspace,
 * sends, checks, and clears the fault. The host's client waits less than the defaults
 * (SERVING_STUDIO_CLIENT_TUNING) so that a stalled stream or a retried failure is seen in
 * seconds.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';
const COMPLETIONS = 'demo-llama-3-1-8b-completions';

/** Every answer is this plain text (no markdown), so what is shown can be compared with what is saved. */
const ANSWER =
  'The lighthouse keeper counted the waves while the storm rolled over the bay and the lamp turned ' +
  'slowly through the long night so that every ship passing the black rocks below could find its ' +
  'way home to the harbour before the morning tide came in again';

/** Shorter waits than the defaults: a stalled stream times out in 2 s, a slow first byte in 3 s. */
const IDLE_MS = 2_000;
const CONNECT_MS = 3_000;
/** electron/web-host/client-tuning.ts reads it (not imported: it would pull the Node client into this build). */
const CLIENT_TUNING_ENV = 'SERVING_STUDIO_CLIENT_TUNING';
const TUNING = JSON.stringify({
  timeouts: { idleMs: IDLE_MS, connectMs: CONNECT_MS },
  retry: { maxAttempts: 2, baseDelayMs: 100 },
});
test.use({ hostEnv: { [CLIENT_TUNING_ENV]: TUNING } });

/** Paced so that a fault after a few tokens lands mid-answer, yet a whole answer takes well under a second. */
const PACE = { ttftMs: 20, tokensPerSec: 400, responseText: ANSWER };

type Outcome =
  /** Text was shown, then the failure: the text stays, with the message beside it. */
  | 'partial'
  /** Failed before any text: the message, the user's words back in the composer. */
  | 'refused'
  /** The answer arrives (a slow first byte within the timeout). */
  | 'done';

interface FaultCase {
  name: string;
  /** The demo workspace patch that makes every invocation fail this way. */
  patch: Record<string, unknown>;
  outcome: Outcome;
  /** Words the message must contain (the app's advice and/or the server's own words). */
  says: RegExp[];
  /** Words the saved error holds (its message or the server's); the first of `says` when absent. */
  stored?: RegExp;
  /** Words the message must not contain (a wrong claim). */
  never?: RegExp;
}

const fault = (rule: Record<string, unknown>) => ({ faults: [rule] });
const limit = (limits: Record<string, number>) => ({ rateLimits: { '*': limits } });
const limitMessage = (kind: string) => `Exceeded workspace ${kind} rate limit for the endpoint`;
/** A 429 without Retry-After, in the words Databricks uses for `kind`. */
const bare429 = (kind: string) =>
  fault({ type: 'http-error', status: 429, message: limitMessage(kind), retryAfterSec: null });

const CASES: FaultCase[] = [
  {
    name: 'disconnect before the first token',
    patch: fault({ type: 'disconnect', afterTokens: 0 }),
    outcome: 'refused',
    says: [/connection to 127\.0\.0\.1:\d+ was reset/],
  },
  {
    name: 'disconnect after the first tokens',
    patch: fault({ type: 'disconnect', afterTokens: 8 }),
    outcome: 'partial',
    says: [/connection to 127\.0\.0\.1:\d+ was reset/],
  },
  {
    name: '429 queries per second, with Retry-After',
    patch: limit({ queriesPerSecond: 0 }),
    outcome: 'refused',
    says: [/Rate limited \(queries per second\)/, /Exceeded workspace QPS rate limit/, /Retry after 1s/],
    stored: /queries-per-second limit/,
  },
  {
    name: '429 queries per minute, with Retry-After',
    patch: limit({ queriesPerMinute: 0 }),
    outcome: 'refused',
    says: [/Rate limited \(queries per minute\)/, /queries per minute rate limit/, /Retry after/],
    stored: /queries-per-minute limit/,
  },
  {
    name: '429 input tokens per minute, with Retry-After',
    patch: limit({ inputTokensPerMinute: 0 }),
    outcome: 'refused',
    says: [/Rate limited \(input tokens per minute\)/, /input tokens per minute rate limit/, /Retry after/],
    stored: /input-tokens-per-minute limit/,
  },
  {
    name: '429 output tokens per minute, with Retry-After',
    patch: limit({ outputTokensPerMinute: 0 }),
    outcome: 'refused',
    says: [/Rate limited \(output tokens per minute\)/, /max_tokens is reserved/, /Retry after/],
    stored: /output-tokens-per-minute limit/,
  },
  ...(
    [
      ['queries per second', 'QPS', /queries per second/],
      ['queries per minute', 'queries per minute', /queries per minute/],
      ['input tokens per minute', 'input tokens per minute', /input tokens per minute/],
      ['output tokens per minute', 'output tokens per minute', /output tokens per minute/],
    ] as const
  ).map(
    ([label, words, named]): FaultCase => ({
      name: `429 ${label}, without Retry-After`,
      patch: bare429(words),
      outcome: 'refused',
      says: [new RegExp(`Rate limited \\(${named.source}\\)`), /Exceeded workspace .* rate limit/],
      stored: new RegExp(named.source.replaceAll(' ', '-')),
    }),
  ),
  {
    name: '500',
    patch: fault({ type: 'http-error', status: 500 }),
    outcome: 'refused',
    says: [/internal error while serving/],
  },
  {
    name: '503',
    patch: fault({ type: 'http-error', status: 503 }),
    outcome: 'refused',
    says: [/temporarily unavailable/i],
  },
  {
    name: 'a malformed chunk',
    patch: fault({ type: 'malformed-chunk', afterTokens: 8 }),
    outcome: 'partial',
    says: [/not JSON/],
  },
  {
    name: 'an error inside a 200 stream',
    patch: fault({
      type: 'stream-error',
      afterTokens: 8,
      errorCode: 'INTERNAL_ERROR',
      message: 'Model server crashed while generating',
    }),
    outcome: 'partial',
    says: [/Model server crashed while generating/, /internal error during the response \(INTERNAL_ERROR\)/],
    never: /HTTP 500/,
  },
  {
    name: 'an idle stream (stalled after the first tokens)',
    patch: fault({ type: 'stall', afterTokens: 8 }),
    outcome: 'partial',
    says: [/Timed out waiting for more of the response/, /after 2 s/, /the text so far is kept/],
  },
  {
    name: 'a slow first byte, within the timeout',
    patch: fault({ type: 'slow-first-byte', delayMs: 500 }),
    outcome: 'done',
    says: [],
  },
  {
    name: 'a slow first byte, beyond the timeout',
    patch: fault({ type: 'slow-first-byte', delayMs: CONNECT_MS + 3_000 }),
    outcome: 'refused',
    says: [/Timed out waiting for an answer from 127\.0\.0\.1:\d+ after 3 s/, /overloaded or scaling up/],
    never: /connecting to/,
  },
];

/** What clears every case's patch. */
const CLEAR = { faults: [], rateLimits: { '*': null } };

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A saved error: the app's advice and the server's own words. */
interface SavedError {
  message: string;
  serverMessage?: string;
}
const said = (error: SavedError) => `${error.serverMessage ?? ''} ${error.message}`;

/** The app's IndexedDB, read with the raw API (no app code): what survives a reload. */
interface Saved {
  messages: {
    id: string;
    role: string;
    content: string;
    status?: string;
    createdAt: number;
    error?: SavedError | null;
  }[];
  comparisons: {
    turns: string[];
    panes: {
      endpoint: string;
      answers: { turn: number; content: string; status: string; error: SavedError | null }[];
    }[];
  }[];
  completionRuns: {
    prompt: string;
    status: string;
    createdAt: number;
    choices: { text: string }[];
    error: SavedError | null;
  }[];
}

function readSaved(page: Page): Promise<Saved> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('serving-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<never[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as never[]);
        request.onerror = () => reject(request.error);
      });
    try {
      return {
        messages: await all('messages'),
        comparisons: await all('comparisons'),
        completionRuns: await all('completionRuns'),
      };
    } finally {
      db.close();
    }
  });
}

/** One view under test: how to open it, send, and read what it shows and what it saved. */
interface View {
  name: 'chat' | 'compare' | 'completion';
  open(page: Page): Promise<void>;
  /** Goes to the view (no other change). */
  show(page: Page): Promise<void>;
  send(page: Page, text: string): Promise<void>;
  /** Waits for the case's outcome; returns the answer texts shown and the message text. */
  settle(
    page: Page,
    outcome: Outcome,
    text: string,
    says?: RegExp[],
  ): Promise<{ shown: string[]; messages: string[] }>;
  /** The saved answers of the case just run (one per pane), and everything saved before it. */
  saved(
    page: Page,
    text: string,
  ): Promise<{ answers: { content: string; status: string; error: string | null }[]; total: number }>;
  /** After a failure before any text: the user's words are not lost (back in the composer, or kept in the turn). */
  keepsWords(page: Page, text: string, stored: RegExp): Promise<void>;
}

/** The words are back in the composer, to send again. */
const backIn = (label: string) => async (page: Page, text: string) => {
  expect(squash(await page.getByLabel(label, { exact: true }).inputValue())).toContain(text);
};

const nav = (name: string) => (page: Page) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

const chatView: View = {
  name: 'chat',
  show: nav('Chat'),
  async open(page) {
    await chatView.show(page);
    await page.getByLabel('Endpoint').selectOption(LLAMA);
  },
  async send(page, text) {
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
  },
  async settle(page, outcome, text, says = []) {
    // This question's answer, not the one before it (which may have failed the same way).
    const last = page
      .getByTestId('user-message')
      .filter({ hasText: text })
      .last()
      .locator('xpath=following::*[@data-testid="assistant-message"][1]');
    if (outcome === 'refused') {
      const error = page.getByTestId('chat-error');
      await expect(error).toBeVisible({ timeout: 30_000 });
      // Waited for in words: the previous case's failure may still be on screen for a moment.
      for (const words of says) await expect(error).toContainText(words);
      return { shown: [], messages: [squash(await error.textContent())] };
    }
    await expect(last).toHaveAttribute('data-status', outcome === 'done' ? 'done' : 'error', {
      timeout: 30_000,
    });
    const messages =
      outcome === 'done' ? [] : [squash(await last.getByTestId('message-error').textContent())];
    return { shown: [squash(await last.locator('.markdown').textContent())], messages };
  },
  async saved(page, text) {
    const { messages } = await readSaved(page);
    const ordered = [...messages].sort((a, b) => a.createdAt - b.createdAt);
    const question = ordered.findLast((m) => m.role === 'user' && m.content === text);
    const answer = question
      ? ordered.find((m) => m.role === 'assistant' && m.createdAt >= question.createdAt)
      : undefined;
    return {
      answers: answer
        ? [
            {
              content: answer.content,
              status: answer.status ?? '',
              error: answer.error ? said(answer.error) : null,
            },
          ]
        : [],
      total: messages.length,
    };
  },
  keepsWords: backIn('Message'),
};

const comparePanes = (page: Page) => page.getByTestId('compare-pane');

const compareView: View = {
  name: 'compare',
  show: nav('Compare'),
  async open(page) {
    await compareView.show(page);
    await expect(comparePanes(page)).toHaveCount(2);
    await page.getByLabel('Endpoint for pane 1', { exact: true }).selectOption(LLAMA);
    await page.getByLabel('Endpoint for pane 2', { exact: true }).selectOption(DBRX);
  },
  async send(page, text) {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send to all' }).click();
  },
  async settle(page, outcome, text) {
    const status = outcome === 'done' ? 'done' : 'error';
    const shown: string[] = [];
    const messages: string[] = [];
    for (const pane of await comparePanes(page).all()) {
      // This turn's answer, not the one before it (which may have failed the same way).
      const turn = pane.locator('.cmp-turn').last();
      await expect(turn.locator('.cmp-turn__user')).toHaveText(text);
      const answer = turn.getByTestId('pane-answer');
      await expect(answer).toHaveAttribute('data-status', status, { timeout: 30_000 });
      shown.push(squash(await answer.locator('.markdown').textContent()));
      if (outcome !== 'done') messages.push(squash(await answer.getByTestId('pane-error').textContent()));
    }
    await expect(page.getByRole('button', { name: 'Send to all' })).toBeVisible();
    return { shown: outcome === 'refused' ? [] : shown, messages };
  },
  async saved(page, text) {
    const { comparisons } = await readSaved(page);
    const holding = comparisons.find((c) => c.turns.includes(text));
    const turn = holding?.turns.lastIndexOf(text) ?? -1;
    const answers = (holding?.panes ?? []).flatMap((p) =>
      p.answers
        .filter((a) => a.turn === turn)
        .map((a) => ({ content: a.content, status: a.status, error: a.error ? said(a.error) : null })),
    );
    return { answers, total: comparisons.reduce((n, c) => n + c.turns.length, 0) };
  },
  async keepsWords(page, text, stored) {
    // The turn stays in every pane, with each pane's error, and is saved so.
    for (const pane of await comparePanes(page).all())
      await expect(pane.locator('.cmp-turn__user').last()).toHaveText(text);
    await expect
      .poll(async () => (await compareView.saved(page, text)).answers.map((a) => [a.content, a.status]))
      .toEqual([
        ['', 'error'],
        ['', 'error'],
      ]);
    for (const a of (await compareView.saved(page, text)).answers) expect(a.error).toMatch(stored);
  },
};

const completionView: View = {
  name: 'completion',
  show: nav('Completion'),
  async open(page) {
    await completionView.show(page);
    await expect(page.getByTestId('completion-pane')).toBeVisible();
    await expect(page.getByLabel('Endpoint', { exact: true })).toHaveValue(COMPLETIONS);
  },
  async send(page, text) {
    await page.getByLabel('Prompt', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
  },
  async settle(page, outcome, text, says = []) {
    const error = page.getByTestId('completion-error');
    if (outcome === 'refused') {
      await expect(error).toBeVisible({ timeout: 30_000 });
      // Waited for in words: the previous case's failure may still be on screen for a moment.
      for (const words of says) await expect(error).toContainText(words);
      await expect(error).toContainText('Nothing was generated');
      return { shown: [], messages: [squash(await error.textContent())] };
    }
    const output = page.getByTestId('completion-output');
    // This run's output, not the one before it (which may have failed the same way).
    await expect(output.locator('.completion-doc__prompt')).toHaveText(text);
    await expect(output).toHaveAttribute('data-status', outcome === 'done' ? 'done' : 'error', {
      timeout: 30_000,
    });
    const shown = squash(await output.getByTestId('completion-text').first().textContent());
    return { shown: [shown], messages: outcome === 'done' ? [] : [squash(await error.textContent())] };
  },
  async saved(page, text) {
    const { completionRuns } = await readSaved(page);
    const run = [...completionRuns].sort((a, b) => b.createdAt - a.createdAt).find((r) => r.prompt === text);
    return {
      answers: run
        ? [
            {
              content: run.choices[0]?.text ?? '',
              status: run.status,
              error: run.error ? said(run.error) : null,
            },
          ]
        : [],
      total: completionRuns.length,
    };
  },
  keepsWords: backIn('Prompt'),
};

const VIEWS = [chatView, compareView, completionView];

/** Chat with a Responses-API-only model: the other wire protocol, its own stream parser. */
const GPT_5_5 = 'databricks-gpt-5-5';
const responsesChatView: View = {
  ...chatView,
  name: 'chat',
  async open(page) {
    await chatView.show(page);
    await page.getByLabel('Endpoint').selectOption(GPT_5_5);
  },
};

const storedWords = (c: FaultCase): RegExp => c.stored ?? c.says[0] ?? /\S/;

const caseText = (n: number, c: FaultCase) => `Case ${n}: tell me about lighthouses (${c.name}).`;

/** Runs one case on one view and checks message, kept text and what was saved. */
async function runCase(page: Page, studio: StudioHost, view: View, c: FaultCase, n: number) {
  const text = caseText(n, c);
  const before = (await view.saved(page, text)).total;
  await studio.configureDemo({ ...CLEAR, ...c.patch });
  await view.send(page, text);
  const { shown, messages } = await view.settle(page, c.outcome, text, c.says);
  await studio.configureDemo(CLEAR);
  if (c.outcome !== 'done') expect(messages.length).toBeGreaterThan(0);
  for (const message of messages)
    for (const words of c.says) expect(message, `${view.name}, ${c.name}: the message`).toMatch(words);
  if (c.never) for (const message of messages) expect(message).not.toMatch(c.never);

  if (c.outcome === 'refused') {
    // Nothing was generated: the words typed are back, and nothing saved before is gone.
    await view.keepsWords(page, text, storedWords(c));
    await expect.poll(async () => (await view.saved(page, text)).total).toBeGreaterThanOrEqual(before);
    return;
  }
  for (const answer of shown) {
    expect(answer.length, `${view.name}, ${c.name}: text shown`).toBeGreaterThan(0);
    expect(ANSWER.startsWith(answer), `${view.name}, ${c.name}: "${answer}" is the answer's start`).toBe(
      true,
    );
    if (c.outcome === 'partial') expect(answer.length).toBeLessThan(ANSWER.length);
  }
  // IndexedDB holds exactly what is shown, with the error, and everything saved before.
  const status = c.outcome === 'done' ? 'done' : 'error';
  await expect
    .poll(async () => (await view.saved(page, text)).answers.map((a) => [squash(a.content), a.status]))
    .toEqual(shown.map((s) => [s, status]));
  const { answers, total } = await view.saved(page, text);
  expect(total).toBeGreaterThan(before);
  if (c.outcome === 'partial') for (const a of answers) expect(a.error ?? '').toMatch(storedWords(c));
}

/**
 * The Responses API's own stream faults: what happens inside its event stream (HTTP failures
 * before it are the same for every protocol and run above), plus its `response.failed` event.
 */
const RESPONSES_CASES: FaultCase[] = [
  ...CASES.filter((c) => c.outcome === 'partial'),
  {
    name: 'a response.failed event',
    patch: fault({
      type: 'stream-error',
      afterTokens: 8,
      errorCode: 'server_error',
      message: 'The model stopped responding',
      responsesEvent: 'response.failed',
    }),
    outcome: 'partial',
    says: [/The model stopped responding/],
  },
];

const MATRIX: [string, View, FaultCase[]][] = [
  ...VIEWS.map((view): [string, View, FaultCase[]] => [view.name, view, CASES]),
  ['chat with a Responses API model', responsesChatView, RESPONSES_CASES],
];

for (const [title, view, cases] of MATRIX) {
  test(`${title}: every workspace fault gives a specific message and keeps the text and the history`, async ({
    page,
    studio,
  }) => {
    test.setTimeout(180_000);
    await openApp(page, studio);
    await enterDemo(page);
    await studio.configureDemo(PACE);
    await view.open(page);
    for (const [n, c] of cases.entries()) {
      await test.step(c.name, () => runCase(page, studio, view, c, n + 1));
    }
    // Reloaded, the view still has every answer that was saved.
    const saved = await readSaved(page);
    await page.reload();
    await expect(page.getByTestId('app-ready')).toBeVisible();
    expect(await readSaved(page)).toEqual(saved);
    if (view.name === 'chat') {
      // And the conversation opens again on its last answer, partial text and failure shown
      // (the thread is virtualized: only what is on screen is in the page).
      const lastCase = cases.findLast((c) => c.outcome !== 'refused') as FaultCase;
      await page.getByTestId('conversation-item').first().click();
      const { shown, messages } = await view.settle(
        page,
        lastCase.outcome,
        caseText(cases.indexOf(lastCase) + 1, lastCase),
        lastCase.says,
      );
      expect(shown[0]?.length).toBeGreaterThan(0);
      for (const words of lastCase.says) expect(messages[0]).toMatch(words);
    }
  });
}

/*
 * A refused connection: the app talks to a workspace of its own (a demo workspace started by
 * the test, connected with a token like any workspace) whose port is then closed.
 */
let outside: DemoWorkspace;
test.beforeAll(async () => {
  outside = await startDemoWorkspace({ port: 0, token: 'refused-case-token' });
});
test.afterAll(async () => {
  await outside.close();
});

test('a refused connection (the workspace port closed) says so in chat, compare and completion, and loses nothing', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  const { port } = outside;
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await page.getByLabel('Name').fill('Closing workspace');
  await page.getByLabel('Workspace URL').fill(outside.url);
  await page.getByLabel('Personal access token').fill(outside.token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();
  outside.configure(PACE);
  const refused: FaultCase = {
    name: 'a refused connection',
    patch: {},
    outcome: 'refused',
    says: [new RegExp(`127\\.0\\.0\\.1:${port} refused the connection`), /Check the workspace URL and port/],
  };
  for (const [n, view] of VIEWS.entries()) {
    await test.step(view.name, async () => {
      await view.open(page);
      // One answer saved first, so there is history to lose.
      const first = `Refused ${n}: a question answered before the port closed.`;
      await view.send(page, first);
      await view.settle(page, 'done', first);
      await expect
        .poll(async () => (await view.saved(page, first)).answers.map((a) => a.status))
        .toEqual(view.name === 'compare' ? ['done', 'done'] : ['done']);
      const before = await readSaved(page);
      await outside.close();
      const text = `Refused ${n}: a question sent to a closed port.`;
      await view.send(page, text);
      const { messages } = await view.settle(page, 'refused', text, refused.says);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages)
        for (const words of refused.says) expect(message, `${view.name}: the message`).toMatch(words);
      await view.keepsWords(page, text, refused.says[0] as RegExp);
      const after = await readSaved(page);
      expect(after.messages).toEqual(expect.arrayContaining(before.messages));
      expect(after.completionRuns).toEqual(expect.arrayContaining(before.completionRuns));
      expect(after.comparisons.flatMap((c) => c.turns)).toEqual(
        expect.arrayContaining(before.comparisons.flatMap((c) => c.turns)),
      );
      // The workspace comes back on the same port, as a restarted server would.
      outside = await startDemoWorkspace({ port, token: outside.token });
      outside.configure(PACE);
    });
  }
});

/*
 * The host killed mid-stream (SIGKILL: no clean shutdown) while chat, compare and completion
 * all stream, then started again on the same address with the same user-data folder, as
 * `npm run web` does.
 */
base(
  'the host killed mid-stream and restarted: chat, compare and completion keep the partial text',
  async ({ page }) => {
    base.setTimeout(120_000);
    const userDataDir = mkdtempSync(join(tmpdir(), 'studio-killed-'));
    const launch = () => startHost({ [CLIENT_TUNING_ENV]: TUNING }, { userDataDir, homePort: true });
    const running = await launch();
    try {
      await openApp(page, running.host);
      await enterDemo(page);
      // Slow enough that all three answers are still streaming when the host dies.
      await running.host.configureDemo({ ...PACE, tokensPerSec: 5 });
      const texts = VIEWS.map((view) => `Killed: tell me about lighthouses, in ${view.name}.`);
      for (const [n, view] of VIEWS.entries()) {
        await view.open(page);
        await view.send(page, texts[n] as string);
        await streamingText(page, view);
      }
      await running.kill();
      const shownBy: string[][] = [];
      for (const view of VIEWS) {
        await view.show(page);
        const { shown, messages } = await view.settle(page, 'partial', texts[VIEWS.indexOf(view)] as string);
        expect(messages.length, view.name).toBeGreaterThan(0);
        for (const message of messages)
          expect(message, view.name).toMatch(/connection to Serving Studio's local host was lost/);
        for (const answer of shown) {
          expect(answer.split(' ').length, view.name).toBeGreaterThanOrEqual(3);
          expect(ANSWER.startsWith(answer), `${view.name}: "${answer}"`).toBe(true);
          expect(answer.length).toBeLessThan(ANSWER.length);
        }
        shownBy.push(shown);
      }

      const restarted = await launch();
      try {
        expect(new URL(restarted.host.url).port).toBe(new URL(running.host.url).port);
        await openApp(page, restarted.host);
        for (const [n, view] of VIEWS.entries()) {
          const { answers } = await view.saved(page, texts[n] as string);
          expect(answers.length, view.name).toBe(shownBy[n]?.length);
          for (const [i, a] of answers.entries()) {
            expect(squash(a.content), view.name).toBe(shownBy[n]?.[i]);
            expect(['error', 'interrupted'], view.name).toContain(a.status);
          }
        }
        // The conversation is in the sidebar, with its partial answer.
        await chatView.show(page);
        await expect(page.getByTestId('conversation-item').first()).toContainText(texts[0] as string);
      } finally {
        await restarted.stop();
      }
    } finally {
      await running.stop();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
);

/** Waits until the view shows some streamed text; returns the shortest text shown so far. */
async function streamingText(page: Page, view: View): Promise<string> {
  const answers =
    view.name === 'chat'
      ? page.getByTestId('assistant-message').last().locator('.markdown')
      : view.name === 'compare'
        ? comparePanes(page).getByTestId('pane-answer').locator('.markdown')
        : page.getByTestId('completion-text');
  let texts: string[] = [];
  await expect
    .poll(async () => {
      texts = (await answers.allTextContents()).map(squash);
      return texts.length > 0 && texts.every((t) => t.split(' ').length >= 3);
    })
    .toBe(true);
  return texts.reduce((a, b) => (a.length <= b.length ? a : b));
}
