import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDatabase, openStudioDatabase } from '../../../../../renderer/core/db/database';
import type { UsageRecord } from '../../../../../renderer/core/db/records';
import {
  localDay,
  onUsageRecorded,
  recordUsage,
  usageRepo,
} from '../../../../../renderer/core/db/usage-repo';
import { uniqueName, usage } from '../../db/fixtures';

/*
 * Days are local calendar days. The test runs in Auckland (UTC+13 in January), where UTC and
 * local dates disagree for half the day, so grouping by UTC day would fail these numbers.
 */
beforeAll(() => {
  // Node re-reads its time zone when TZ changes; unstubbing restores the previous value.
  vi.stubEnv('TZ', 'Pacific/Auckland');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const A = 'databricks-meta-llama-3-1-70b-instruct';
const B = 'databricks-bge-large-en';
/** Local midnight starting 2026-01-15 in Auckland. */
const FROM = Date.UTC(2026, 0, 14, 11);
const TO = Date.UTC(2026, 0, 17, 0);

const ROWS: UsageRecord[] = [
  usage('r0', FROM - 1, { endpoint: A, promptTokens: 1000, completionTokens: 1000, costUsd: 1 }),
  usage('edge', FROM, { endpoint: A, promptTokens: 2, completionTokens: 2, costUsd: 0.001 }),
  usage('r1', Date.UTC(2026, 0, 15, 10), {
    endpoint: A,
    promptTokens: 100,
    completionTokens: 50,
    costUsd: 0.01,
  }),
  usage('r2', Date.UTC(2026, 0, 15, 11, 30), {
    endpoint: A,
    promptTokens: 10,
    completionTokens: 5,
    costUsd: 0.002,
  }),
  usage('r3', Date.UTC(2026, 0, 15, 12), {
    endpoint: B,
    source: 'embeddings',
    promptTokens: 7,
    completionTokens: 0,
    costUsd: null,
  }),
  usage('r4', Date.UTC(2026, 0, 16, 9), {
    endpoint: A,
    promptTokens: 1,
    completionTokens: 1,
    costUsd: 0.0005,
  }),
  usage('r5', Date.UTC(2026, 0, 20, 0), {
    endpoint: B,
    promptTokens: 3,
    completionTokens: 0,
    costUsd: 0.0001,
  }),
];

async function seeded() {
  const db = openStudioDatabase(uniqueName('usage'));
  // Out of order on purpose: results must not depend on insertion order.
  await db.usage.bulkAdd([...ROWS].reverse());
  return usageRepo(db);
}

describe('localDay', () => {
  it('formats the local calendar day', () => {
    expect(localDay(FROM - 1)).toBe('2026-01-14');
    expect(localDay(FROM)).toBe('2026-01-15');
    expect(localDay(Date.UTC(2026, 0, 15, 11, 30))).toBe('2026-01-16');
  });
});

describe('usageRepo', () => {
  it('lists by range (inclusive) and endpoint, oldest first', async () => {
    const repo = await seeded();
    expect((await repo.list()).map((r) => r.id)).toEqual(['r0', 'edge', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect((await repo.list({ endpoint: A })).map((r) => r.id)).toEqual(['r0', 'edge', 'r1', 'r2', 'r4']);
    expect((await repo.list({ from: ROWS[4]?.at })).map((r) => r.id)).toEqual(['r3', 'r4', 'r5']);
    expect((await repo.list({ to: ROWS[2]?.at })).map((r) => r.id)).toEqual(['r0', 'edge', 'r1']);
    expect((await repo.list({ endpoint: B, from: FROM, to: TO })).map((r) => r.id)).toEqual(['r3']);
    expect(await repo.list({ endpoint: 'nobody' })).toEqual([]);
  });

  it('sums per local day and endpoint', async () => {
    const repo = await seeded();
    const daily = await repo.dailyByEndpoint(FROM, TO);
    expect(daily.map(({ costUsd, ...rest }) => rest)).toEqual([
      { day: '2026-01-15', endpoint: A, promptTokens: 102, completionTokens: 52, requests: 2, unpriced: 0 },
      { day: '2026-01-16', endpoint: B, promptTokens: 7, completionTokens: 0, requests: 1, unpriced: 1 },
      { day: '2026-01-16', endpoint: A, promptTokens: 11, completionTokens: 6, requests: 2, unpriced: 0 },
    ]);
    expect(daily[0]?.costUsd).toBeCloseTo(0.011, 12);
    expect(daily[1]?.costUsd).toBe(0);
    expect(daily[2]?.costUsd).toBeCloseTo(0.0025, 12);
  });

  it('sums per endpoint over a range', async () => {
    const repo = await seeded();
    const totals = await repo.totalsByEndpoint(FROM, TO);
    expect(totals.map(({ costUsd, ...rest }) => rest)).toEqual([
      { endpoint: B, promptTokens: 7, completionTokens: 0, requests: 1, unpriced: 1 },
      { endpoint: A, promptTokens: 113, completionTokens: 58, requests: 4, unpriced: 0 },
    ]);
    expect(totals[1]?.costUsd).toBeCloseTo(0.0135, 12);
    expect(await repo.totalsByEndpoint(TO + 1, TO + 2)).toEqual([]);
  });

  it('records with a new id and the current time unless given, and notifies', async () => {
    const repo = usageRepo(openStudioDatabase(uniqueName('record')));
    const seen: UsageRecord[] = [];
    const stop = onUsageRecorded((r) => seen.push(r));
    const { id: _id, at: _at, ...entry } = usage('x', 0);
    const before = Date.now();
    const a = await repo.record(entry);
    const b = await repo.record({ ...entry, at: 5 });
    stop();
    await repo.record(entry);
    expect(a.id).not.toBe(b.id);
    expect(a.at).toBeGreaterThanOrEqual(before);
    expect(b.at).toBe(5);
    expect(seen).toEqual([a, b]);
    expect(await repo.list()).toHaveLength(3);
    expect(await repo.prune(6)).toBe(1);
  });
});

describe('recordUsage', () => {
  it('writes to the app database and never throws', async () => {
    const { id: _id, ...entry } = usage('x', 77, { source: 'completion' });
    const stored = await recordUsage(entry);
    expect(await getDatabase().usage.get(stored?.id ?? '')).toEqual(stored);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A malformed entry is refused (it would poison every sum); the caller only gets null.
    expect(await recordUsage({ ...entry, at: Number.NaN })).toBeNull();
    expect(await recordUsage({ ...entry, promptTokens: -3 })).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(await getDatabase().usage.count()).toBe(1);
    warn.mockRestore();
  });
});
