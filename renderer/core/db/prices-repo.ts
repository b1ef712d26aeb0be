import { getDatabase, type StudioDatabase } from './database';
import type { PriceRecord } from './records';

/**
 * User-edited prices, one per endpoint name. Only overrides are stored: the defaults live in
 * shared/pricing.ts, so a default fixed in a later release reaches users who never edited it.
 */
export function pricesRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every override, by endpoint name. */
    list: (): Promise<PriceRecord[]> => db.prices.orderBy('endpoint').toArray(),
    /** Creates or replaces the override for `price.endpoint`. */
    async put(price: PriceRecord): Promise<void> {
      await db.prices.put(price);
    },
    /** Removes an override (the default applies again). */
    remove: (endpoint: string): Promise<void> => db.prices.delete(endpoint),
  };
}

/** The repository's type, for stores that take it as a dependency. */
export type PricesRepo = ReturnType<typeof pricesRepo>;
