import { create } from 'zustand';
import { startOfMonth } from '../../../core/cost-math';
import { type DailyUsage, type UsageRepo, type UsageTotals, usageRepo } from '../../../core/db/usage-repo';
import { readPreference, writePreference } from '../../../core/preferences';

/*
 * The usage log read back for the Endpoints pane: the last 30 days per endpoint (monthly
 * volume for the cost insight) and per day (the usage view), plus the month to date against
 * the user's monthly budget (a preference). A factory, so tests give it a throwaway database.
 */

/** The window the monthly volume is measured over. */
export const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
const BUDGET_KEY = 'usage.monthly-budget-usd';

/** Usage state and actions. */
export interface UsageState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Per endpoint over the last WINDOW_DAYS days. */
  totals: UsageTotals[];
  /** Per day and endpoint over the last WINDOW_DAYS days. */
  daily: DailyUsage[];
  /** Known cost since the start of this calendar month. */
  monthToDateUsd: number;
  /** How many responses this month had no price (so the month-to-date is a lower bound). */
  monthUnpriced: number;
  /** Monthly budget in dollars, null when none is set. */
  budgetUsd: number | null;
  load(): Promise<void>;
  setBudget(usd: number | null): void;
}

function readBudget(): number | null {
  const raw = readPreference(BUDGET_KEY);
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Creates a usage store over `repo`; `now` is injectable for tests. */
export function createUsageStore(repo: () => UsageRepo, now: () => number = Date.now) {
  let request = 0;
  return create<UsageState>()((set) => ({
    status: 'idle',
    error: null,
    totals: [],
    daily: [],
    monthToDateUsd: 0,
    monthUnpriced: 0,
    budgetUsd: readBudget(),

    async load() {
      const mine = ++request;
      const to = now();
      const from = to - WINDOW_DAYS * DAY_MS;
      set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: null }));
      try {
        const r = repo();
        const [totals, daily, month] = await Promise.all([
          r.totalsByEndpoint(from, to),
          r.dailyByEndpoint(from, to),
          r.totalsByEndpoint(startOfMonth(to), to),
        ]);
        if (mine !== request) return;
        set({
          status: 'ready',
          totals,
          daily,
          monthToDateUsd: month.reduce((sum, t) => sum + t.costUsd, 0),
          monthUnpriced: month.reduce((sum, t) => sum + t.unpriced, 0),
        });
      } catch (err) {
        if (mine !== request) return;
        set({
          status: 'error',
          error: `Could not read the usage log: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    },

    setBudget(usd) {
      const value = usd !== null && Number.isFinite(usd) && usd > 0 ? usd : null;
      writePreference(BUDGET_KEY, value === null ? null : String(value));
      set({ budgetUsd: value });
    },
  }));
}

/** The app's usage store. */
export const useUsageStore = createUsageStore(() => usageRepo());
