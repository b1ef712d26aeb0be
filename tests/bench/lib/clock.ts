import type { Page } from '@playwright/test';
import { DEMO_TOKEN } from '../../support/studio-host';

/**
 * The offset between the page's clock and the demo workspace's, measured rather than assumed.
 * Both stamp epoch milliseconds (`performance.timeOrigin + performance.now()`), but each process
 * takes its own time origin, so they can disagree by a few milliseconds. Each is compared with
 * this process's clock over several round trips, keeping the quickest (its midpoint is the
 * closest estimate); the page − demo offset is the difference of the two.
 */

/** One reading of a remote clock: its time, and this process's before and after asking. */
export interface ClockSample {
  remote: number;
  before: number;
  after: number;
}

/** The remote clock minus this one, from the sample with the shortest round trip (± half of it). */
export function offsetOf(samples: readonly ClockSample[]): { offsetMs: number; uncertaintyMs: number } {
  const usable = samples.filter((s) => Number.isFinite(s.remote) && s.after >= s.before);
  if (usable.length === 0) throw new Error('no clock samples');
  const best = usable.reduce((a, b) => (b.after - b.before < a.after - a.before ? b : a));
  return {
    offsetMs: best.remote - (best.before + best.after) / 2,
    uncertaintyMs: (best.after - best.before) / 2,
  };
}

const localNow = () => performance.timeOrigin + performance.now();

async function sample(read: () => Promise<number>, times: number): Promise<ClockSample[]> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < times; i++) {
    const before = localNow();
    const remote = await read();
    samples.push({ remote, before, after: localNow() });
  }
  return samples;
}

/** What to add to a demo timestamp to put it on the page's clock, and how sure that is. */
export interface PageDemoOffset {
  demoToPageMs: number;
  uncertaintyMs: number;
}

/** Measures the page − demo clock offset (15 round trips to each). */
export async function pageDemoOffset(page: Page, demoUrl: string, times = 15): Promise<PageDemoOffset> {
  const pageSide = offsetOf(await sample(() => page.evaluate(() => window.__bench.now()), times));
  const demoSide = offsetOf(
    await sample(async () => {
      const response = await fetch(`${demoUrl}/__demo/now`, {
        headers: { authorization: `Bearer ${DEMO_TOKEN}` },
      });
      return ((await response.json()) as { now: number }).now;
    }, times),
  );
  return {
    demoToPageMs: pageSide.offsetMs - demoSide.offsetMs,
    uncertaintyMs: pageSide.uncertaintyMs + demoSide.uncertaintyMs,
  };
}
