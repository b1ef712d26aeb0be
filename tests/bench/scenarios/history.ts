import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { benchmarkAnswer } from '../lib/answer';
import { type AppSession, CHAT_ENDPOINT } from '../lib/app';
import { heapMb, settle, traced } from '../lib/browser';
import { frameGaps } from '../lib/probes';
import { info, target } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Scenario } from './scenario';

/**
 * Scenario 4: a stored conversation of 2,000 messages of mixed markdown, imported once through
 * Settings → Data. Each run reloads the app (nothing in memory), clicks the conversation in the
 * sidebar and measures: click → interactive (the newest message on screen and no main-thread
 * task over 50 ms left), DOM nodes, JS heap, then the longest frame jumping to the top of the
 * conversation and back to the bottom.
 */

export const HISTORY_MESSAGES = 2_000;
const CONVERSATION_ID = 'bench-history-2000';
const TITLE = 'Benchmark: 2,000 messages';
const LAST_WORD = 'Zqhistend';

/** The export file: one conversation, user and assistant turns with varied markdown. */
export function historyExport(messages = HISTORY_MESSAGES): string {
  const source = benchmarkAnswer(400_000, 'Zqunused', 11).split(/\n\n(?=## )/);
  const start = Date.UTC(2026, 10, 1);
  const records = Array.from({ length: messages }, (_, i) => {
    const user = i % 2 === 0;
    const section = source[Math.floor(i / 2) % source.length] as string;
    // Assistant turns: one section's parts (prose, lists, a table, code); user turns: a question.
    const parts = section.split('\n\n');
    const content = user
      ? `Question ${i / 2 + 1}: ${parts[1]?.slice(0, 160) ?? 'go on'}`
      : parts.slice(0, 2 + (i % 5)).join('\n\n');
    const base = {
      id: `m${i}`,
      conversationId: CONVERSATION_ID,
      parentId: i === 0 ? null : `m${i - 1}`,
      role: user ? 'user' : 'assistant',
      content: i === messages - 1 ? `${content}\n\nThe end: ${LAST_WORD}` : content,
      createdAt: start + i * 60_000,
    };
    return user
      ? base
      : {
          ...base,
          status: 'done',
          choices: [{ text: base.content, finishReason: 'stop' }],
          selectedChoice: 0,
          endpoint: CHAT_ENDPOINT,
          model: 'meta-llama-3.1-70b-instruct-072424',
          metrics: null,
          synthetic: true,
          costUsd: null,
        };
  });
  return JSON.stringify({
    format: 'serving-studio-export',
    schemaVersion: 3,
    exportedAt: start + messages * 60_000,
    conversations: [
      {
        id: CONVERSATION_ID,
        title: TITLE,
        createdAt: start,
        updatedAt: start + messages * 60_000,
        workspaceId: null,
        endpoint: CHAT_ENDPOINT,
        systemPrompt: '',
        params: {},
        activeLeafId: `m${messages - 1}`,
      },
    ],
    messages: records,
    presets: [],
    prices: [],
  });
}

/** Imports the conversation through Settings → Data → Import JSON. */
async function importHistory(page: Page): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'studio-bench-')), 'history.json');
  writeFileSync(file, historyExport());
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooser).setFiles(file);
  await page
    .getByText(`${HISTORY_MESSAGES.toLocaleString('en-US')} messages`)
    .or(page.getByText(`${HISTORY_MESSAGES} messages`))
    .first()
    .waitFor({ timeout: 60_000 });
  await page.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
}

/** One run's figures. */
interface HistoryRun {
  interactiveMs: number;
  lastMessageMs: number;
  domNodes: number;
  heapMb: number;
  scrollLongestFrameMs: number;
}

async function openOnce(browser: Browser, app: AppSession): Promise<HistoryRun> {
  // Otherwise the reload would reopen the big conversation by itself (the last one open).
  await app.page.getByRole('button', { name: 'New conversation' }).click();
  const page = await app.reopen();
  const item = page.locator(`[data-conversation-id="${CONVERSATION_ID}"] button[title^="Open"]`);
  await item.waitFor();
  await settle(page, 300);
  const { result, trace } = await traced(browser, page, async () => {
    const seen = page.evaluate((word) => window.__bench.watchText(word, 'bench:last'), LAST_WORD);
    await item.click();
    const lastSeenAt = await seen;
    await settle(page, 300);
    const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
    return { lastSeenAt, clickedAt };
  });
  const offset = (trace.marks.get('bench:last') as number) - result.lastSeenAt;
  const click = result.clickedAt + offset;
  const blocking = trace.tasks.filter((t) => t.start >= click - 1 && t.duration > 50);
  const lastBlockEnd = Math.max(click, ...blocking.map((t) => t.start + t.duration));
  const interactiveMs = Math.max(result.lastSeenAt + offset, lastBlockEnd) - click;
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const heap = await heapMb(page);
  const frames = await page.evaluate(async () => {
    const probes = window.__bench;
    const scroller =
      document.querySelector('[data-virtuoso-scroller="true"]') ?? document.querySelector('.messages');
    if (!scroller) throw new Error('no message list scroller');
    const pause = () => new Promise((r) => setTimeout(r, 600));
    probes.startRecording();
    scroller.scrollTop = 0;
    await pause();
    scroller.scrollTop = scroller.scrollHeight;
    await pause();
    return probes.stopRecording().frames;
  });
  const gaps = frameGaps(frames);
  return {
    interactiveMs,
    lastMessageMs: result.lastSeenAt + offset - click,
    domNodes,
    heapMb: heap,
    scrollLongestFrameMs: gaps.length > 0 ? Math.max(...gaps) : Number.NaN,
  };
}

/** Scenario 4 for `npm run bench`. */
export const historyScenario: Scenario = {
  name: 'history',
  title: `a stored conversation of ${HISTORY_MESSAGES.toLocaleString('en-US')} messages: open, size, scroll`,
  async run({ browser, app, runs, results, log }) {
    await importHistory(app.page);
    const list: HistoryRun[] = [];
    for (let r = 1; r <= runs; r++) {
      list.push(await openOnce(browser, app));
      log(`run ${r}/${runs}: interactive in ${Math.round(list.at(-1)?.interactiveMs ?? 0)} ms`);
    }
    const of = (key: keyof HistoryRun) => summarize(list.map((x) => x[key]));
    results.targets.push(
      target(
        'history-interactive',
        '4 · 2,000-message conversation: click → interactive',
        of('interactiveMs'),
        500,
        'ms',
      ),
      target('history-dom', '4 · DOM nodes with it open', of('domNodes'), 2_999, 'nodes'),
      info('history-heap', '4 · JS heap with it open', of('heapMb'), 'MB'),
      info('history-scroll', '4 · Longest frame, jump to the top and back', of('scrollLongestFrameMs'), 'ms'),
    );
    results.scenarios.history = { messages: HISTORY_MESSAGES, runs: list };
  },
};
