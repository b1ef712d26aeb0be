import { useId } from 'react';
import { formatUsd } from '../../core/cost-math';
import { formatCost } from '../../core/format';
import { useLifecycleStore } from './lifecycle-store';
import { monthlyProvisionedCost, type SizeChoices } from './pt-sizing';
import { UNIT_PRICE_NOTE } from './unit-price';
import type { SizeLookup } from './use-size-lookup';

/**
 * The size select (options from the model's optimization info) with the editable
 * $/unit-hour and the monthly estimate it gives; shared by Create and Scale.
 */
export function SizePicker({
  lookup,
  choices,
  index,
  onIndex,
}: {
  lookup: SizeLookup;
  choices: SizeChoices | null;
  index: number;
  onIndex(index: number): void;
}) {
  const sizeId = useId();
  const rateId = useId();
  const rate = useLifecycleStore((s) => s.unitHourUsd);
  const setRate = useLifecycleStore((s) => s.setUnitHourUsd);
  const option = choices?.options[index];

  return (
    <>
      <label htmlFor={sizeId}>Size</label>
      {lookup.status === 'loading' && <p className="hint">Looking up the model's sizes…</p>}
      {lookup.status === 'error' && (
        <p className="alert" role="alert">
          {lookup.message}
        </p>
      )}
      {choices?.reason && <p className="alert">{choices.reason}</p>}
      <select
        id={sizeId}
        value={option ? String(index) : ''}
        disabled={!choices || choices.options.length === 0}
        onChange={(e) => onIndex(Number(e.target.value))}
      >
        {!option && <option value="">{lookup.status === 'idle' ? 'Pick a model first' : '—'}</option>}
        {choices?.options.map((o, i) => (
          <option key={o.label} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
      {choices?.form === 'throughput' && (
        <p className="hint">
          Throughput bands come in multiples of the model's chunk size; each chunk is billed like a unit.
        </p>
      )}
      <label htmlFor={rateId}>$ per unit-hour</label>
      <input
        id={rateId}
        type="number"
        min={0}
        step={0.01}
        defaultValue={rate}
        onChange={(e) => setRate(Number(e.target.value))}
      />
      <p className="hint">{UNIT_PRICE_NOTE}</p>
      <p data-testid="pt-estimate">
        Estimated cost:{' '}
        <strong>{option ? `${formatUsd(monthlyProvisionedCost(option.units, rate))} / month` : '—'}</strong>
        {option && (
          <span className="muted">
            {' '}
            ({option.units} × {formatCost(rate)} × 730 h)
          </span>
        )}
      </p>
    </>
  );
}
