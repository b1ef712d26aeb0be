import { costUsd } from '../../../shared/pricing';
import type { CompletionRunRecord } from '../../core/db/records';
import { usePricesStore } from '../../core/stores/prices-store';

/**
 * A run's cost: the one saved when it finished, else today's price table (a price entered
 * later fills old runs in); null when no price is known (shown as "—").
 */
export function useRunCost(run: CompletionRunRecord): number | null {
  // The overrides array is stable between changes; priceFor builds a new object per call,
  // so it is called here, not inside the selector.
  usePricesStore((s) => s.overrides);
  const price = usePricesStore.getState().priceFor(run.endpoint);
  if (typeof run.costUsd === 'number') return run.costUsd;
  if (!run.metrics || !price) return null;
  return costUsd(run.metrics, price);
}
