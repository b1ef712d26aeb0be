import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_PRICES, defaultPriceFor, type Price, UNKNOWN_PRICE_REASONS } from '../../../shared/pricing';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import '../../styles/params.css';

/**
 * Settings → Prices: one row per endpoint with a known default or in the current workspace;
 * input and output price per million tokens are editable (saved on Enter or leaving the
 * field), and "Reset" brings back the default. Costs under answers use these prices.
 */
export function PriceTableEditor() {
  const overrides = usePricesStore((s) => s.overrides);
  const loaded = usePricesStore((s) => s.loaded);
  const error = usePricesStore((s) => s.error);
  const load = usePricesStore((s) => s.load);
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const loadEndpoints = useEndpointsStore((s) => s.load);

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    if (workspaceId) void loadEndpoints(workspaceId);
  }, [workspaceId, loadEndpoints]);

  const names = useMemo(() => {
    const all = new Set([...Object.keys(DEFAULT_PRICES), ...endpoints.map((e) => e.name)]);
    for (const o of overrides) all.add(o.endpoint);
    return [...all].sort();
  }, [endpoints, overrides]);

  return (
    <section className="price-table" aria-labelledby="price-table-title">
      <h3 id="price-table-title">Prices</h3>
      <p className="muted">
        US dollars per million tokens. Defaults are Databricks' published pay-per-token examples; prices vary
        by cloud and region and change over time, so edit them to match your contract.
      </p>
      {error && (
        <p role="alert" className="param__error">
          {error}
        </p>
      )}
      <table data-testid="price-table">
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Input $/1M</th>
            <th scope="col">Output $/1M</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <PriceRow
              key={name}
              endpoint={name}
              override={overrides.find((o) => o.endpoint === name) ?? null}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One endpoint's row. */
function PriceRow({ endpoint, override }: { endpoint: string; override: Price | null }) {
  const setPrice = usePricesStore((s) => s.setPrice);
  const resetPrice = usePricesStore((s) => s.resetPrice);
  const fallback = defaultPriceFor(endpoint);
  const price = override ?? fallback;
  const source = override
    ? 'edited'
    : fallback
      ? 'default'
      : `unknown${UNKNOWN_PRICE_REASONS[endpoint] ? ` (${UNKNOWN_PRICE_REASONS[endpoint]})` : ''}`;

  const commit = (side: keyof Price, value: number) => {
    const base = price ?? { inputPerMillion: 0, outputPerMillion: 0 };
    void setPrice(endpoint, { ...base, [side]: value });
  };

  return (
    <tr data-endpoint={endpoint}>
      <th scope="row">
        <code>{endpoint}</code>
      </th>
      <td>
        <PriceCell
          label={`${endpoint} input price per 1M tokens`}
          value={price?.inputPerMillion}
          onCommit={(v) => commit('inputPerMillion', v)}
        />
      </td>
      <td>
        <PriceCell
          label={`${endpoint} output price per 1M tokens`}
          value={price?.outputPerMillion}
          onCommit={(v) => commit('outputPerMillion', v)}
        />
      </td>
      <td className="muted">{source}</td>
      <td>
        {override && (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Reset ${endpoint} to default`}
            onClick={() => void resetPrice(endpoint)}
          >
            Reset
          </button>
        )}
      </td>
    </tr>
  );
}

/** A price field: local text while typing, committed when valid (≥ 0) on Enter or blur. */
function PriceCell({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: number | undefined;
  onCommit(v: number): void;
}) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(value === undefined ? '' : String(value)), [value]);

  const commit = () => {
    const text = draft.trim();
    if (text === '' && value === undefined) return setProblem(null);
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || n < 0) return setProblem('Enter a price of 0 or more.');
    setProblem(null);
    if (n !== value) onCommit(n);
  };

  return (
    <span className="price-cell">
      <input
        type="text"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={problem !== null}
        value={draft}
        placeholder="unknown"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {problem && (
        <span role="alert" className="param__error">
          {problem}
        </span>
      )}
    </span>
  );
}
