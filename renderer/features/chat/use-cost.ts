import { useCallback } from 'react';
import { costUsd } from '../../../shared/pricing';
import type { MessageRecord } from '../../core/db/records';
import { usePricesStore } from '../../core/stores/prices-store';

/**
 * A function giving an answer's cost: the cost saved with it when it finished, else (no
 * price was known then) today's price table, so a price entered later fills old answers in.
 */
export function useCostOf(): (m: MessageRecord) => number | null {
  const priceFor = usePricesStore((s) => s.priceFor);
  // Re-created when the table changes so components recompute.
  const table = usePricesStore((s) => s.overrides);
  return useCallback(
    (m: MessageRecord) => {
      void table;
      if (typeof m.costUsd === 'number') return m.costUsd;
      const metrics = m.metrics;
      if (!metrics || !m.endpoint) return null;
      const price = priceFor(m.endpoint);
      return price ? costUsd(metrics, price) : null;
    },
    [priceFor, table],
  );
}
