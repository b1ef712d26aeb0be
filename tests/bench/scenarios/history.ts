import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { benchmarkAnswer } from '../lib/answer';
import { type AppSession, CHAT_ENDPOINT } from '../lib/app';
import { heapMb, settle, traced } from '../lib/browser';
import { interactiveAt } from '../lib/interactive';
import { frameGaps } from '../lib/probes';
import { info, overCount, target, withNote } from '../lib/report';
import { percentile, summarize } from '../lib/stats';
import { busyBetween } from '../lib/trace';
import type { Scenario } from './scenario';

/**
 * Scenario 4: a stored conversation of 2,000 messages of mixed markdown, imported once through
 * Settings → Data. Each run reloads the app (nothing in memory), clicks the conversation in the
 * sidebar and measures: click → interactive, DOM nodes, JS heap, input → paint in the composer,
 * then the longest frame jumping to the top of the conversation and back to the bottom.
 *
 * Interactive: the newest message painted (the animation frame after it is in the DOM), and
 * then a full second with no main-thread task over 50 ms. The clock stops at the later of that
 * paint and the end of the last task over 50 ms; the run keeps tracing until it has seen the
 * quiet second after it (the JSON says when the trace did not confirm it).
 *
 * Input: once interactive, ten characters are typed into the composer one at a time; each is
 * keydown (the event's time stamp) → the animation frame after the `input` event that put it
 * in the field. The figure is each run's p95 of those (with ten keystrokes, the second-worst),
 * judged on the worst run: one slow keystroke is what a user feels.
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
export async function importHistory(page: Page): Promise<void> {
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
  /** Tasks over 50 ms from the click to the end of the quiet second, and the longest task. */
  longTasks: number;
  longestTaskMs: number;
  /** The trace showed a full quiet second (no task over 50 ms) after the clock stopped. */
  quietObserved: boolean;
  /** Main-thread CPU time from the click to the clock's stop (steadier than wall time on a loaded machine). */
  cpuMs: number;
  /** Keydown → the character painted, each keystroke typed into the composer after opening, ms. */
  inputMs: number[];
  inputP95Ms: number;
  domNodes: number;
  heapMb: number;
  scrollLongestFrameMs: number;
}

/** Long-task threshold, and the quiet time after the last one that makes the page interactive. */
const LONG_TASK_MS = 50;
const QUIET_MS = 1_000;
/** Keystrokes typed into the composer per run. */
const KEYSTROKES = 10;
/** Gives up waiting for the quiet second after this long (the run is then flagged). */
const QUIET_TIMEOUT_MS = 20_000;

/**
 * Waits in the page until it has been quiet (no long task, PerformanceObserver) for QUIET_MS
 * after `since` and after the end of the last long task; resolves with that quiet start.
 */
function waitQuiet(page: Page, since: number): Promise<number> {
  return page.evaluate(
    ([from, quiet, timeout]) =>
      new Promise<number>((resolve) => {
        const probes = window.__bench;
        const tick = () => {
          const start = Math.max(from, ...probes.longTasks().map(([, end]) => end));
          // A small margin: a long task's entry is delivered a little after it ends.
          if (probes.now() - start >= quiet + 50 || probes.now() - from > timeout) resolve(start);
          else setTimeout(tick, 50);
        };
        tick();
      }),
    [since, QUIET_MS, QUIET_TIMEOUT_MS] as const,
  );
}

/** Types KEYSTROKES characters into the composer; each one's keydown → paint, ms. */
async function typeIntoComposer(page: Page): Promise<number[]> {
  const composer = page.getByLabel('Message', { exact: true });
  await composer.click();
  await settle(page, 200);
  const samples: number[] = [];
  for (let k = 0; k < KEYSTROKES; k++) {
    await page.evaluate(() => window.__bench.armKeyPaint());
    await page.keyboard.type(String.fromCharCode(97 + k));
    const { keydownAt, paintedAt } = await page.evaluate(() => window.__bench.keyPainted());
    samples.push(paintedAt - keydownAt);
    await page.waitForTimeout(100);
  }
  // Leave no draft behind for the next run.
  await composer.fill('');
  return samples;
}

async function openOnce(browser: Browser, app: AppSession): Promise<HistoryRun> {
  // Otherwise the reload would reopen the big conversation by itself (the last one open).
  await app.page.getByRole('button', { name: 'New conversation' }).click();
  const page = await app.reopen();
  const item = page.locator(`[data-conversation-id="${CONVERSATION_ID}"] button[title^="Open"]`);
  await item.waitFor();
  await settle(page, 300);
  const { result, trace } = await traced(browser, page, async () => {
    await page.evaluate(() => window.__bench.startLongTasks());
    const seen = page.evaluate((word) => window.__bench.watchTextPainted(word, 'bench:last'), LAST_WORD);
    await item.click();
    const lastSeenAt = await seen;
    const quietFrom = await waitQuiet(page, lastSeenAt);
    const endAt = await page.evaluate(() => window.__bench.mark('bench:quiet-end'));
    const clickedAt = await page.evaluate(() => window.__bench.lastPointerDown as number);
    return { lastSeenAt, clickedAt, quietFrom, endAt };
  });
  // Page epoch ms → trace ms.
  const offset = (trace.marks.get('bench:quiet-end') as number) - result.endAt;
  const click = result.clickedAt + offset;
  const end = result.endAt + offset;
  const { stopAt, quietObserved, longTasks, longestTaskMs } = interactiveAt(
    trace.tasks,
    click,
    result.lastSeenAt + offset,
    end,
    LONG_TASK_MS,
    QUIET_MS,
  );
  const inputMs = await typeIntoComposer(page);
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
    interactiveMs: stopAt - click,
    lastMessageMs: result.lastSeenAt + offset - click,
    longTasks,
    longestTaskMs,
    quietObserved,
    cpuMs: busyBetween(trace.tasks, click, stopAt),
    inputMs,
    // A keystroke never painted (NaN) makes the run's figure infinite, not a smaller p95.
    inputP95Ms: inputMs.every(Number.isFinite) ? percentile(inputMs, 95) : Number.POSITIVE_INFINITY,
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
      const run = await openOnce(browser, app);
      list.push(run);
      log(
        `run ${r}/${runs}: interactive in ${Math.round(run.interactiveMs)} ms (last message painted at ${Math.round(run.lastMessageMs)} ms, ${run.longTasks} tasks > 50 ms, longest ${Math.round(run.longestTaskMs)} ms, ${Math.round(run.cpuMs)} ms CPU${run.quietObserved ? '' : ', quiet second NOT observed'}), input → paint p95 ${Math.round(run.inputP95Ms)} ms`,
      );
    }
    const of = (
      key: 'interactiveMs' | 'domNodes' | 'heapMb' | 'scrollLongestFrameMs' | 'inputP95Ms' | 'cpuMs',
    ) => summarize(list.map((x) => x[key]));
    const unobserved = list.filter((x) => !x.quietObserved).length;
    results.targets.push(
      withNote(
        target(
          'history-interactive',
          '4 · 2,000-message conversation: click → interactive (last message painted, then 1 s with no task > 50 ms)',
          of('interactiveMs'),
          500,
          'ms',
        ),
        `${overCount(
          list.map((x) => x.longTasks),
          'tasks',
        )}${unobserved > 0 ? `; ${unobserved} run(s) without a full quiet second observed` : ''}`,
      ),
      withNote(
        target(
          'history-input',
          `4 · Then typing into the composer: keydown → character painted, p95 of ${KEYSTROKES} keystrokes`,
          of('inputP95Ms'),
          50,
          'ms',
          'lower',
          'worst',
        ),
        overCount(
          list.map((x) => x.inputMs.filter((ms) => !(ms <= 50)).length),
          'keystrokes',
        ),
      ),
      target('history-dom', '4 · DOM nodes with it open', of('domNodes'), 2_999, 'nodes'),
      info('history-cpu', '4 · Main-thread CPU, click → interactive', of('cpuMs'), 'ms'),
      info('history-heap', '4 · JS heap with it open', of('heapMb'), 'MB'),
      info('history-scroll', '4 · Longest frame, jump to the top and back', of('scrollLongestFrameMs'), 'ms'),
    );
    results.scenarios.history = {
      messages: HISTORY_MESSAGES,
      longTaskMs: LONG_TASK_MS,
      quietMs: QUIET_MS,
      keystrokes: KEYSTROKES,
      runs: list,
    };
  },
};
