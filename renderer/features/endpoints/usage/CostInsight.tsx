import { useEffect, useId, useMemo, useState } from 'react';
import { compareCosts, formatTokenCount, formatUsd, inputShare, scaleToMonth } from '../../../core/cost-math';
import { onUsageRecorded, type UsageTotals } from '../../../core/db/usage-repo';
import { formatCost } from '../../../core/format';
import { useEndpointsStore } from '../../../core/stores/endpoints-store';
import { usePricesStore } from '../../../core/stores/prices-store';
import { useLifecycleStore } from '../lifecycle-store';
import { UNIT_PRICE_NOTE } from '../unit-price';
import { CostChart } from './CostChart';
import { useUsageStore, WINDOW_DAYS } from './usage-store';

const VERDICT = {
  'pay-per-token': 'Pay-per-token is cheaper at your volume.',
  provisioned: 'Provisioned throughput is cheaper at your volume.',
  equal: 'Both cost the same at your volume.',
} as const;

/** Endpoints worth offering: the workspace's and any in the log, busiest first. */
function useEndpointNames(totals: UsageTotals[]): string[] {
  const endpoints = useEndpointsStore((s) => s.endpoints);
  return useMemo(() => {
    const busy = [...totals].sort(
      (a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens),
    );
    const names = [...busy.map((t) => t.endpoint), ...endpoints.map((e) => e.name)];
    return [...new Set(names)];
  }, [totals, endpoints]);
}

function NumberField({
  label,
  value,
  onChange,
  step = 1,
}: {
  label: string;
  value: number;
  onChange(n: number): void;
  step?: number;
}) {
  const id = useId();
  return (
    <div className="cost-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </div>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: string[];
  onChange(v: string): void;
}) {
  const id = useId();
  return (
    <div className="cost-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.length === 0 && <option value="">—</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * "Pay-per-token or provisioned?" with the user's own numbers: monthly volume from the usage
 * log (or typed), the pay-per-token price from the price table, the provisioned price from
 * model units × $/unit-hour; the break-even, a chart and a verdict.
 */
export function CostInsight() {
  const totals = useUsageStore((s) => s.totals);
  const loadUsage = useUsageStore((s) => s.load);
  const pricesLoaded = usePricesStore((s) => s.loaded);
  const loadPrices = usePricesStore((s) => s.load);
  const priceFor = usePricesStore((s) => s.priceFor);
  usePricesStore((s) => s.overrides); // re-render when a price is edited
  const rate = useLifecycleStore((s) => s.unitHourUsd);
  const setRate = useLifecycleStore((s) => s.setUnitHourUsd);
  const names = useEndpointNames(totals);
  const priced = names.filter((n) => priceFor(n) !== null);

  const [traffic, setTraffic] = useState('');
  const [priceOf, setPriceOf] = useState('');
  const [source, setSource] = useState<'log' | 'manual'>('log');
  const [manualTokens, setManualTokens] = useState(10_000_000);
  const [sharePercent, setSharePercent] = useState<number | null>(null);
  const [units, setUnits] = useState(1);

  useEffect(() => {
    void loadUsage();
    return onUsageRecorded(() => void loadUsage());
  }, [loadUsage]);
  useEffect(() => {
    if (!pricesLoaded) void loadPrices();
  }, [loadPrices, pricesLoaded]);

  const trafficName = traffic || names[0] || '';
  const priceName = priceOf || (priceFor(trafficName) ? trafficName : priced[0]) || '';
  const logged = totals.find((t) => t.endpoint === trafficName);
  const loggedTokens = logged ? logged.promptTokens + logged.completionTokens : 0;
  const monthlyTokens = source === 'log' ? scaleToMonth(loggedTokens, WINDOW_DAYS) : manualTokens;
  const share =
    sharePercent !== null
      ? sharePercent / 100
      : inputShare(logged?.promptTokens ?? 0, logged?.completionTokens ?? 0);
  const price = priceName ? priceFor(priceName) : null;
  const result = price ? compareCosts({ monthlyTokens, share, price, units, perUnitHour: rate }) : null;

  return (
    <section className="cost-insight" aria-label="Cost insight" data-testid="cost-insight">
      <div className="cost-inputs">
        <Select label="Traffic of" value={trafficName} options={names} onChange={setTraffic} />
        <fieldset className="cost-source">
          <legend>Monthly tokens</legend>
          <label>
            <input type="radio" checked={source === 'log'} onChange={() => setSource('log')} /> From my usage
            (last {WINDOW_DAYS} days)
          </label>
          <label>
            <input type="radio" checked={source === 'manual'} onChange={() => setSource('manual')} /> Enter by
            hand
          </label>
        </fieldset>
        {source === 'manual' && (
          <NumberField
            label="Tokens per month"
            value={manualTokens}
            step={1_000_000}
            onChange={setManualTokens}
          />
        )}
        <NumberField
          label="Prompt share of tokens (%)"
          value={Math.round(share * 1000) / 10}
          onChange={(n) => setSharePercent(Math.min(100, Math.max(0, n)))}
        />
        <Select label="Pay-per-token price of" value={priceName} options={priced} onChange={setPriceOf} />
        <NumberField
          label="Model units"
          value={units}
          onChange={(n) => setUnits(Math.max(0, Math.round(n)))}
        />
        <NumberField label="$ per unit-hour" value={rate} step={0.01} onChange={setRate} />
      </div>
      <p className="hint">{UNIT_PRICE_NOTE}</p>
      <p className="muted" data-testid="cost-log">
        Usage log for {trafficName || '—'}:{' '}
        <span data-testid="cost-log-prompt" data-value={logged?.promptTokens ?? 0}>
          {(logged?.promptTokens ?? 0).toLocaleString('en-US')}
        </span>{' '}
        prompt +{' '}
        <span data-testid="cost-log-completion" data-value={logged?.completionTokens ?? 0}>
          {(logged?.completionTokens ?? 0).toLocaleString('en-US')}
        </span>{' '}
        completion tokens in {logged?.requests ?? 0} responses over the last {WINDOW_DAYS} days (×
        {(730 / 24 / WINDOW_DAYS).toFixed(3)} for a month).
      </p>
      {!price && (
        <p className="notice">
          No per-token price is known for these endpoints: set one in Settings → Prices.
        </p>
      )}
      {result && price && (
        <>
          <dl className="cost-results">
            <div>
              <dt>Your volume</dt>
              <dd data-testid="cost-volume" data-value={monthlyTokens}>
                {formatTokenCount(monthlyTokens)} tokens / month
              </dd>
            </div>
            <div>
              <dt>Pay-per-token ({priceName})</dt>
              <dd data-testid="cost-ppt" data-value={result.payPerTokenMonthly}>
                {formatUsd(result.payPerTokenMonthly)} / month
              </dd>
            </div>
            <div>
              <dt>
                Provisioned ({units} × {formatCost(rate)} × 730 h)
              </dt>
              <dd data-testid="cost-pt" data-value={result.provisionedMonthly}>
                {formatUsd(result.provisionedMonthly)} / month
              </dd>
            </div>
            <div>
              <dt>Break-even</dt>
              <dd data-testid="cost-breakeven" data-value={result.breakEvenTokens}>
                {formatTokenCount(result.breakEvenTokens)} tokens / month
              </dd>
            </div>
          </dl>
          <p className="cost-verdict" data-testid="cost-verdict">
            <strong>{VERDICT[result.cheaper]}</strong>{' '}
            <span className="muted">
              (${price.inputPerMillion}/M in, ${price.outputPerMillion}/M out, {Math.round(share * 100)} %
              prompt tokens)
            </span>
          </p>
          <CostChart
            perToken={result.perToken}
            provisionedMonthly={result.provisionedMonthly}
            breakEven={result.breakEvenTokens}
            current={monthlyTokens}
          />
        </>
      )}
    </section>
  );
}
