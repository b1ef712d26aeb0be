import type { CompareAnswer } from '../../core/db/records';
import { formatCost, formatMetrics } from '../../core/format';

/** Which badges a pane earned on the last turn. */
export interface PaneBadges {
  fastest: boolean;
  throughput: boolean;
  cheapest: boolean;
}

/**
 * A finished answer's metrics (TTFT, tokens/s, tokens in/out, reasoning vs answer tokens when
 * reported, cost, finish_reason) and badges.
 */
export function PaneMetrics({ answer, badges }: { answer: CompareAnswer; badges: PaneBadges }) {
  if (!answer.metrics) return null;
  // Cost counts every output token, reasoning included: it is computed from completionTokens.
  const parts = formatMetrics(answer.metrics, answer.finishReason, formatCost(answer.costUsd));
  return (
    <div className="cmp-metrics" data-testid="pane-metrics">
      <span>{parts.join(' · ')}</span>
      <span className="cmp-metrics__badges">
        {badges.fastest && (
          <span className="badge badge--ok" data-testid="badge-fastest" title="Lowest time to first token">
            fastest first token
          </span>
        )}
        {badges.throughput && (
          <span className="badge badge--ok" data-testid="badge-throughput" title="Most tokens per second">
            highest throughput
          </span>
        )}
        {badges.cheapest && (
          <span
            className="badge badge--ok"
            data-testid="badge-cheapest"
            title="Lowest cost at the price table"
          >
            cheapest
          </span>
        )}
      </span>
    </div>
  );
}
