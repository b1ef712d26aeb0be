import { newRecordId } from './conversations-repo';
import { getDatabase, type StudioDatabase } from './database';
import type { UsageRecord } from './records';

/*
 * Usage: one row per finished response (chat, completion, compare, embeddings), written once
 * when it ends. The Endpoints pane reads it back as monthly volume, cost per day and budgets.
 * Aggregation happens here, in memory, over one indexed range: a month of heavy use is a few
 * thousand small rows, far cheaper than keeping running totals consistent across tabs.
 */

/** Which usage rows to read. `from` and `to` are epoch ms, both inclusive; omitted = unbounded. */
export interface UsageFilter {
  from?: number;
  to?: number;
  endpoint?: string;
}

/** Summed usage of one endpoint (over a day, or a whole range). */
export interface UsageTotals {
  endpoint: string;
  promptTokens: number;
  completionTokens: number;
  /** Sum of the costs that were known (rows without a price add nothing here). */
  costUsd: number;
  /** How many responses. */
  requests: number;
  /** How many of them had no known price (so `costUsd` is a lower bound when > 0). */
  unpriced: number;
}

/** One endpoint's usage on one local calendar day. */
export interface DailyUsage extends UsageTotals {
  /** The local-time day, 'YYYY-MM-DD'. */
  day: string;
}

/** What a caller records: everything but the id; `at` defaults to now. */
export type UsageEntry = Omit<UsageRecord, 'id' | 'at'> & { at?: number };

/** The local-time calendar day of an epoch-ms instant, as 'YYYY-MM-DD'. */
export function localDay(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const emptyTotals = (endpoint: string): UsageTotals => ({
  endpoint,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  requests: 0,
  unpriced: 0,
});

function add(totals: UsageTotals, row: UsageRecord): void {
  totals.promptTokens += row.promptTokens;
  totals.completionTokens += row.completionTokens;
  totals.requests += 1;
  if (row.costUsd === null) totals.unpriced += 1;
  else totals.costUsd += row.costUsd;
}

/** Sums rows per (day, endpoint), sorted by day then endpoint. Pure: exported for tests. */
export function aggregateDaily(rows: readonly UsageRecord[]): DailyUsage[] {
  const groups = new Map<string, DailyUsage>();
  for (const row of rows) {
    const day = localDay(row.at);
    const key = `${day}\u0000${row.endpoint}`;
    let group = groups.get(key);
    if (!group) {
      group = { day, ...emptyTotals(row.endpoint) };
      groups.set(key, group);
    }
    add(group, row);
  }
  return [...groups.values()].sort((a, b) =>
    a.day === b.day ? a.endpoint.localeCompare(b.endpoint) : a.day < b.day ? -1 : 1,
  );
}

/** Sums rows per endpoint, sorted by endpoint name. Pure: exported for tests. */
export function aggregateTotals(rows: readonly UsageRecord[]): UsageTotals[] {
  const groups = new Map<string, UsageTotals>();
  for (const row of rows) {
    let group = groups.get(row.endpoint);
    if (!group) {
      group = emptyTotals(row.endpoint);
      groups.set(row.endpoint, group);
    }
    add(group, row);
  }
  return [...groups.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}

type Listener = (record: UsageRecord) => void;
const listeners = new Set<Listener>();

/**
 * Calls `listener` after every usage row this renderer records (any database), so a usage
 * view can refresh without polling. Returns the unsubscribe function.
 */
export function onUsageRecorded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The usage table. */
export function usageRepo(db: StudioDatabase = getDatabase()) {
  const range = (filter: UsageFilter = {}) => {
    const from = filter.from ?? Number.NEGATIVE_INFINITY;
    const to = filter.to ?? Number.POSITIVE_INFINITY;
    if (filter.endpoint === undefined) return db.usage.where('at').between(from, to, true, true);
    // The compound index reads one endpoint's range only, in time order.
    return db.usage
      .where('[endpoint+at]')
      .between([filter.endpoint, from], [filter.endpoint, to], true, true);
  };

  return {
    /**
     * Stores one finished response's usage; resolves to the stored row. Throws on a malformed
     * entry (NaN time, negative or fractional tokens): one bad row would poison every sum.
     */
    async record(entry: UsageEntry): Promise<UsageRecord> {
      // The record schemas (and zod) load on the first write, not with the start-up code.
      const { usageSchema } = await import('./record-schemas');
      const row = usageSchema.parse({ ...entry, at: entry.at ?? Date.now(), id: newRecordId() });
      await db.usage.add(row);
      for (const listener of listeners) listener(row);
      return row;
    },
    /** Rows in the filter, oldest first. */
    async list(filter?: UsageFilter): Promise<UsageRecord[]> {
      const rows = await range(filter).toArray();
      // The compound index already yields time order; the `at` index does too. Keep it explicit.
      return rows.sort((a, b) => a.at - b.at);
    },
    /** Usage per local-time day and endpoint between `from` and `to` (epoch ms, inclusive). */
    dailyByEndpoint: async (from: number, to: number): Promise<DailyUsage[]> =>
      aggregateDaily(await range({ from, to }).toArray()),
    /** Usage per endpoint between `from` and `to` (epoch ms, inclusive). */
    totalsByEndpoint: async (from: number, to: number): Promise<UsageTotals[]> =>
      aggregateTotals(await range({ from, to }).toArray()),
    /** Deletes every row older than `before` (epoch ms); resolves to how many. */
    prune: (before: number): Promise<number> => db.usage.where('at').below(before).delete(),
  };
}

/** The repository's type, for stores that take it as a dependency. */
export type UsageRepo = ReturnType<typeof usageRepo>;

/**
 * Records one finished response's usage in the app database. Never throws: losing a usage
 * row must not turn a good answer into an error, so a failure is only logged.
 */
export async function recordUsage(entry: UsageEntry): Promise<UsageRecord | null> {
  try {
    return await usageRepo().record(entry);
  } catch (cause) {
    console.warn('Could not record usage', cause);
    return null;
  }
}
