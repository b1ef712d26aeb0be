import { create } from 'zustand';
import type { Metrics } from '../../../shared/domain';
import { costUsd, type Price, priceFor as sharedPriceFor } from '../../../shared/pricing';
import { type PricesRepo, pricesRepo } from '../db/prices-repo';
import type { PriceRecord } from '../db/records';

/*
 * Prices per endpoint: the defaults from shared/pricing.ts merged with the user's overrides
 * (stored in IndexedDB). A factory, so tests can give it a repository on a throwaway database.
 */

/** Prices state and actions. */
export interface PricesState {
  /** The user's overrides (only these are stored). */
  overrides: PriceRecord[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** The price in effect for `endpoint` (override, else default), or null when unknown. */
  priceFor(endpoint: string): Price | null;
  /** Stores an override; negative or non-finite prices are refused (returns false). */
  setPrice(endpoint: string, price: Price): Promise<boolean>;
  /** Removes the override: the default (or "unknown") applies again. */
  resetPrice(endpoint: string): Promise<void>;
}

const validPrice = (n: number) => Number.isFinite(n) && n >= 0;

/** Creates a prices store over `repo`; `now` is injectable for tests. */
export function createPricesStore(repo: () => PricesRepo, now: () => number = Date.now) {
  return create<PricesState>()((set, get) => {
    async function attempt(what: string, run: () => Promise<void>): Promise<boolean> {
      try {
        await run();
        set({ overrides: await repo().list(), loaded: true, error: null });
        return true;
      } catch (err) {
        set({ error: `Could not ${what}: ${err instanceof Error ? err.message : String(err)}` });
        return false;
      }
    }

    return {
      overrides: [],
      loaded: false,
      error: null,

      load: async () => {
        await attempt('load prices', async () => {});
      },

      priceFor: (endpoint) => sharedPriceFor(endpoint, get().overrides),

      async setPrice(endpoint, price) {
        if (!endpoint || !validPrice(price.inputPerMillion) || !validPrice(price.outputPerMillion))
          return false;
        const record: PriceRecord = {
          endpoint,
          inputPerMillion: price.inputPerMillion,
          outputPerMillion: price.outputPerMillion,
          updatedAt: now(),
        };
        return attempt('save the price', () => repo().put(record));
      },

      resetPrice: async (endpoint) => {
        await attempt('reset the price', () => repo().remove(endpoint));
      },
    };
  });
}

/** The app's prices store. */
export const usePricesStore = createPricesStore(() => pricesRepo());

/**
 * Cost of one answer at today's price table; null when the endpoint has no known price or
 * the answer has no token counts. The one place chat, completion and compare price a request.
 */
export function costOfAnswer(
  endpoint: string,
  metrics: Pick<Metrics, 'promptTokens' | 'completionTokens'>,
): number | null {
  const price = usePricesStore.getState().priceFor(endpoint);
  if (!price || (metrics.promptTokens === null && metrics.completionTokens === null)) return null;
  return costUsd(metrics, price);
}
