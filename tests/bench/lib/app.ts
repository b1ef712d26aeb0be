import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { StreamTrace } from '../../../electron/demo-workspace/streaming';
import { DEMO_TOKEN, type StudioHost, startHost } from '../../support/studio-host';
import { newProbedPage } from './browser';

/**
 * The real app in browser mode on the demo workspace, as a user runs it: `npm run web`'s host
 * process, Chromium, first run → "Use demo workspace".
 */
export interface AppSession {
  host: StudioHost;
  context: BrowserContext;
  page: Page;
  /** POSTs a patch to the demo's /__demo/config. */
  configureDemo(patch: Record<string, unknown>): Promise<void>;
  /** The demo's /__demo/stats: its newest stream timings (oldest first) and the host's CPU. */
  stats(): Promise<DemoStatsAnswer>;
  /** The demo's newest stream timings, oldest first. */
  streams(): Promise<StreamTrace[]>;
  /** Opens a fresh page in the same context (same storage), closing the old one. */
  reopen(): Promise<Page>;
  close(): Promise<void>;
}

/** What the benchmark reads from the demo's /__demo/stats. */
export interface DemoStatsAnswer {
  cpu: NodeJS.CpuUsage;
  streams: StreamTrace[];
}

/** The chat endpoint the benchmark talks to. */
export const CHAT_ENDPOINT = 'databricks-meta-llama-3-1-70b-instruct';

/** Starts a host, opens the app and enters the demo workspace. */
export async function startApp(browser: Browser): Promise<AppSession> {
  const started = await startHost();
  const { context, page } = await newProbedPage(browser);
  const session: AppSession = {
    host: started.host,
    context,
    page,
    configureDemo: (patch) => started.host.configureDemo(patch),
    async stats() {
      const response = await fetch(`${await started.host.demoUrl()}/__demo/stats`, {
        headers: { authorization: `Bearer ${DEMO_TOKEN}` },
      });
      return (await response.json()) as DemoStatsAnswer;
    },
    streams: async () => (await session.stats()).streams,
    async reopen() {
      const fresh = await context.newPage();
      await session.page.close();
      session.page = fresh;
      await openReady(fresh, started.host.url);
      return fresh;
    },
    async close() {
      await context.close();
      await started.stop();
    },
  };
  try {
    await openReady(page, started.host.url);
    await page.getByRole('button', { name: 'Use demo workspace' }).click();
    await page.getByTestId('first-run').waitFor({ state: 'hidden' });
    await page.getByLabel('Endpoint').selectOption(CHAT_ENDPOINT);
  } catch (error) {
    await session.close();
    throw new Error(`the app did not open on the demo workspace: ${String(error)}\n${started.log.join('')}`);
  }
  return session;
}

async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('app-ready').waitFor();
}

/** Waits until the last answer has finished (the Send button is back). */
export async function answerDone(page: Page, timeout = 120_000): Promise<void> {
  await page
    .getByTestId('assistant-message')
    .last()
    .and(page.locator('[data-status="done"]'))
    .waitFor({ timeout });
}
