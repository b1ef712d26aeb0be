import { useEffect, useId, useMemo, useState } from 'react';
import { budgetStatus } from '../../../core/cost-math';
import { type DailyUsage, onUsageRecorded } from '../../../core/db/usage-repo';
import { formatCost } from '../../../core/format';
import { useUsageStore, WINDOW_DAYS } from './usage-store';

function BudgetControl() {
  const id = useId();
  const budget = useUsageStore((s) => s.budgetUsd);
  const setBudget = useUsageStore((s) => s.setBudget);
  const spent = useUsageStore((s) => s.monthToDateUsd);
  const unpriced = useUsageStore((s) => s.monthUnpriced);
  const [draft, setDraft] = useState(budget === null ? '' : String(budget));
  const status = budgetStatus(spent, budget);
  const percent = status.ratio === null ? null : Math.round(status.ratio * 100);

  return (
    <div className="budget" data-testid="budget">
      <div className="row">
        <label htmlFor={id}>Monthly budget ($)</label>
        <input
          id={id}
          type="number"
          min={0}
          step={1}
          value={draft}
          placeholder="none"
          onChange={(e) => {
            setDraft(e.target.value);
            setBudget(e.target.value === '' ? null : Number(e.target.value));
          }}
        />
        <span data-testid="budget-spent" data-value={spent}>
          This month so far: <strong>{formatCost(spent)}</strong>
          {percent !== null && ` (${percent} % of ${formatCost(budget)})`}
        </span>
      </div>
      {unpriced > 0 && (
        <p className="hint">{unpriced} responses this month had no price and are not counted.</p>
      )}
      {status.level === 'warn' && (
        <p className="notice" role="alert" data-testid="budget-alert" data-level="warn">
          You have used {percent} % of this month's budget.
        </p>
      )}
      {status.level === 'over' && (
        <p className="alert" role="alert" data-testid="budget-alert" data-level="over">
          Over budget: {formatCost(spent)} spent this month against {formatCost(budget)}.
        </p>
      )}
    </div>
  );
}

/** Cost per day (all endpoints) as small SVG bars, oldest left. */
function DailyBars({ daily }: { daily: DailyUsage[] }) {
  const days = useMemo(() => {
    const byDay = new Map<string, number>();
    for (const d of daily) byDay.set(d.day, (byDay.get(d.day) ?? 0) + d.costUsd);
    return [...byDay.entries()];
  }, [daily]);
  if (days.length === 0) return null;
  const max = Math.max(...days.map(([, c]) => c), 1e-9);
  const w = 600;
  const h = 90;
  const bar = Math.min(40, w / days.length - 4);
  return (
    <svg className="usage-bars" viewBox={`0 0 ${w} ${h + 16}`} role="img" aria-label="Cost per day">
      {days.map(([day, cost], i) => {
        const bh = Math.max(1, (cost / max) * h);
        const x = i * (w / days.length) + 2;
        return (
          <g key={day}>
            <title>{`${day}: ${formatCost(cost)}`}</title>
            <rect className="usage-bars__bar" x={x} y={h - bh} width={bar} height={bh} />
            {days.length <= 12 && (
              <text className="usage-bars__label" x={x + bar / 2} y={h + 12} textAnchor="middle">
                {day.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The usage log per day and endpoint over the last 30 days, with the month's spending
 * against a monthly budget. Refreshes by itself when a response is recorded.
 */
export function UsageView() {
  const daily = useUsageStore((s) => s.daily);
  const status = useUsageStore((s) => s.status);
  const error = useUsageStore((s) => s.error);
  const load = useUsageStore((s) => s.load);

  useEffect(() => {
    void load();
    return onUsageRecorded(() => void load());
  }, [load]);

  const newestFirst = useMemo(() => [...daily].reverse(), [daily]);

  return (
    <section className="usage-view" aria-label="Usage" data-testid="usage-view">
      <BudgetControl />
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {status === 'ready' && daily.length === 0 && (
        <p className="muted">
          No usage recorded in the last {WINDOW_DAYS} days: every response's tokens appear here.
        </p>
      )}
      <DailyBars daily={daily} />
      {daily.length > 0 && (
        <div className="table-wrap">
          <table className="table usage-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Responses</th>
                <th scope="col">Prompt tokens</th>
                <th scope="col">Completion tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((d) => (
                <tr key={`${d.day}-${d.endpoint}`} data-testid="usage-row" data-endpoint-name={d.endpoint}>
                  <td>{d.day}</td>
                  <th scope="row">{d.endpoint}</th>
                  <td>{d.requests}</td>
                  <td>{d.promptTokens.toLocaleString('en-US')}</td>
                  <td>{d.completionTokens.toLocaleString('en-US')}</td>
                  <td>
                    {formatCost(d.costUsd)}
                    {d.unpriced > 0 && (
                      <span className="muted" title="responses without a price">
                        {' '}
                        (+{d.unpriced} unpriced)
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
