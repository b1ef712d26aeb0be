import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStudioDatabase } from '../../../../../../renderer/core/db/database';
import { usageRepo } from '../../../../../../renderer/core/db/usage-repo';
import { createUsageStore } from '../../../../../../renderer/features/endpoints/usage/usage-store';

const DAY = 86_400_000;

describe('usage store', () => {
  it('reads 30-day totals, days and the month to date', async () => {
    const db = openStudioDatabase(`usage-store-${Math.random()}`);
    const repo = usageRepo(db);
    const now = new Date(2026, 10, 28, 12).getTime();
    const base = { workspaceId: null, source: 'chat' as const };
    await repo.record({
      ...base,
      at: now - 1000,
      endpoint: 'a',
      promptTokens: 300,
      completionTokens: 100,
      costUsd: 0.25,
    });
    await repo.record({
      ...base,
      at: now - DAY,
      endpoint: 'a',
      promptTokens: 30,
      completionTokens: 10,
      costUsd: 0.5,
    });
    // Last month (Oct 31): in the 30-day window, not in the month to date.
    await repo.record({
      ...base,
      at: new Date(2026, 9, 31, 12).getTime(),
      endpoint: 'b',
      promptTokens: 5,
      completionTokens: 5,
      costUsd: 2,
    });
    // Older than 30 days: ignored.
    await repo.record({
      ...base,
      at: now - 40 * DAY,
      endpoint: 'a',
      promptTokens: 9999,
      completionTokens: 9999,
      costUsd: 99,
    });
    await repo.record({
      ...base,
      at: now - 2000,
      endpoint: 'c',
      promptTokens: 1,
      completionTokens: 1,
      costUsd: null,
    });

    const store = createUsageStore(
      () => repo,
      () => now,
    );
    await store.getState().load();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.totals.find((t) => t.endpoint === 'a')).toMatchObject({
      promptTokens: 330,
      completionTokens: 110,
      requests: 2,
    });
    expect(s.daily.map((d) => `${d.day} ${d.endpoint}`)).toEqual([
      '2026-10-31 b',
      '2026-11-27 a',
      '2026-11-28 a',
      '2026-11-28 c',
    ]);
    expect(s.monthToDateUsd).toBeCloseTo(0.75, 10);
    expect(s.monthUnpriced).toBe(1);
    db.close();
  });

  it('keeps a positive budget only', () => {
    const store = createUsageStore(() => {
      throw new Error('unused');
    });
    store.getState().setBudget(50);
    expect(store.getState().budgetUsd).toBe(50);
    store.getState().setBudget(-3);
    expect(store.getState().budgetUsd).toBeNull();
  });
});
