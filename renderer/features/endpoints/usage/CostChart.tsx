import { chartMaxTokens, formatTokenCount, formatUsd } from '../../../core/cost-math';
import { niceTicks } from '../../../core/nice-ticks';

const W = 600;
const H = 260;
const PAD = { left: 64, right: 16, top: 16, bottom: 40 };

/** What the chart draws. */
export interface CostChartProps {
  /** Dollars per token (blended). */
  perToken: number;
  /** Provisioned dollars per month (flat). */
  provisionedMonthly: number;
  breakEven: number;
  /** The user's monthly tokens. */
  current: number;
}

/**
 * Both monthly costs against monthly tokens: pay-per-token is a line through zero, provisioned
 * is flat; they cross at the break-even. The user's volume is marked. Hand-written SVG: two
 * straight lines do not need a charting library.
 */
export function CostChart({ perToken, provisionedMonthly, breakEven, current }: CostChartProps) {
  // Both axes end on a round tick so every label is a round number.
  const tokenTicks = niceTicks(chartMaxTokens(breakEven, current));
  const maxTokens = tokenTicks[tokenTicks.length - 1] ?? 1;
  // Headroom above the higher line keeps it clear of the legend in the top corner.
  const costTicks = niceTicks(Math.max(perToken * maxTokens, provisionedMonthly, 1) * 1.1);
  const maxCost = costTicks[costTicks.length - 1] ?? 1;
  const x = (tokens: number) => PAD.left + (tokens / maxTokens) * (W - PAD.left - PAD.right);
  const y = (usd: number) => H - PAD.bottom - (usd / maxCost) * (H - PAD.top - PAD.bottom);
  const showBreakEven = Number.isFinite(breakEven) && breakEven <= maxTokens;
  const label = `Monthly cost against monthly tokens: pay-per-token rises to ${formatUsd(perToken * maxTokens)} at ${formatTokenCount(maxTokens)} tokens; provisioned stays at ${formatUsd(provisionedMonthly)}.`;

  return (
    <svg
      className="cost-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid="cost-chart"
    >
      {costTicks.map((usd) => (
        <g key={`usd-${usd}`} data-testid="cost-tick-usd">
          <line className="cost-chart__grid" x1={PAD.left} x2={W - PAD.right} y1={y(usd)} y2={y(usd)} />
          <text className="cost-chart__tick" x={PAD.left - 6} y={y(usd) + 4} textAnchor="end">
            {formatUsd(usd)}
          </text>
        </g>
      ))}
      {tokenTicks.map((tokens) => (
        <text
          key={`tokens-${tokens}`}
          className="cost-chart__tick"
          x={x(tokens)}
          y={H - PAD.bottom + 16}
          textAnchor="middle"
          data-testid="cost-tick-tokens"
        >
          {formatTokenCount(tokens)}
        </text>
      ))}
      <text className="cost-chart__axis" x={(W + PAD.left) / 2} y={H - 6} textAnchor="middle">
        tokens per month
      </text>
      <line
        className="cost-chart__ppt"
        x1={x(0)}
        y1={y(0)}
        x2={x(maxTokens)}
        y2={y(perToken * maxTokens)}
        data-testid="cost-line-ppt"
      />
      <line
        className="cost-chart__pt"
        x1={x(0)}
        y1={y(provisionedMonthly)}
        x2={x(maxTokens)}
        y2={y(provisionedMonthly)}
        data-testid="cost-line-pt"
      />
      {showBreakEven && (
        <g data-testid="cost-breakeven-mark">
          <line
            className="cost-chart__breakeven"
            x1={x(breakEven)}
            x2={x(breakEven)}
            y1={PAD.top}
            y2={H - PAD.bottom}
          />
          <text className="cost-chart__note" x={x(breakEven) + 4} y={PAD.top + 10}>
            break-even {formatTokenCount(breakEven)}
          </text>
        </g>
      )}
      <g data-testid="cost-you-mark">
        <line className="cost-chart__you" x1={x(current)} x2={x(current)} y1={PAD.top} y2={H - PAD.bottom} />
        <circle className="cost-chart__dot" cx={x(current)} cy={y(perToken * current)} r={4} />
        <text className="cost-chart__note" x={x(current) + 4} y={H - PAD.bottom - 6}>
          you
        </text>
      </g>
      <g className="cost-chart__legend">
        <rect className="cost-chart__key-ppt" x={PAD.left + 8} y={PAD.top + 4} width={14} height={3} />
        <text x={PAD.left + 26} y={PAD.top + 9}>
          pay-per-token
        </text>
        <rect className="cost-chart__key-pt" x={PAD.left + 8} y={PAD.top + 18} width={14} height={3} />
        <text x={PAD.left + 26} y={PAD.top + 23}>
          provisioned
        </text>
      </g>
    </svg>
  );
}
