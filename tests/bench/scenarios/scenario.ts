import type { Browser } from '@playwright/test';
import type { AppSession } from '../lib/app';
import type { BenchResults } from '../lib/report';

/** What a scenario gets: the browser, the app on the demo, and the results to add to. */
export interface ScenarioContext {
  browser: Browser;
  app: AppSession;
  runs: number;
  /** The peer page's base URL (scenario 1). */
  peerUrl: string;
  results: BenchResults;
  log(message: string): void;
}

/** One scenario of issue 8. */
export interface Scenario {
  name: string;
  title: string;
  run(context: ScenarioContext): Promise<void>;
}
