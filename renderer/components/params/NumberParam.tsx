import { useEffect, useId, useState } from 'react';
import type { NumericLimit } from '../../../shared/limits';
import { formatParam, type NumericField, type ParseResult, unsetHint } from './param-fields';

/** Props of one numeric parameter control. */
export interface NumberParamProps {
  /** The parameter's key (`data-param`) and label; any numeric parameter, not only the sampling ones. */
  field: Pick<NumericField, 'label'> & { key: string };
  limit: NumericLimit;
  /** Undefined = unset (nothing is sent). */
  value: number | undefined;
  /** Called with valid values only; undefined unsets. */
  onChange(value: number | undefined): void;
  /** The value taken when switched to set. */
  initial: number;
  parse(text: string): ParseResult;
  /** Tells the panel about refused input (null when the field is fine again). */
  onProblem(reason: string | null): void;
  /** What unset means, when not the server default of the limit (e.g. "no thinking"). */
  unsetText?: string;
}

/**
 * A numeric parameter: a "Set <name>" checkbox (unset shows the server default as a hint and
 * sends nothing), a slider and a number field kept in sync. Typed input that is refused stays
 * in the field, with the reason beside it, and is never passed to `onChange`.
 */
export function NumberParam(props: NumberParamProps) {
  const { field, limit, value, onChange, initial, parse, onProblem, unsetText } = props;
  const id = useId();
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [problem, setProblem] = useState<string | null>(null);
  const set = value !== undefined;

  // A value changed from outside (a preset, a slider, a reset) replaces the draft, unless the
  // draft already means that value (so "0.50" being typed is not rewritten to "0.5").
  useEffect(() => {
    setDraft((d) =>
      value !== undefined && Number(d) === value && d.trim() !== '' ? d : (value?.toString() ?? ''),
    );
    setProblem(null);
  }, [value]);

  // A value set from outside can be out of range too (a preset saved for a larger context
  // window, an endpoint switch that lowers the max_tokens cap): say so rather than hide it.
  const parsedValue = value === undefined ? null : parse(String(value));
  const shown = problem ?? (parsedValue && !parsedValue.ok ? parsedValue.reason : null);

  useEffect(() => onProblem(shown), [shown, onProblem]);

  const type = (text: string) => {
    setDraft(text);
    const result = parse(text);
    setProblem(result.ok ? null : result.reason);
    if (result.ok && result.value !== value) onChange(result.value);
  };

  const toggle = (on: boolean) => {
    setProblem(null);
    onChange(on ? initial : undefined);
  };

  const sliderMax = limit.max;
  return (
    <div className="param" data-param={field.key} data-set={set}>
      <div className="param__head">
        <label htmlFor={`${id}-number`} className="param__label">
          {field.label}
        </label>
        <label className="param__toggle">
          <input type="checkbox" checked={set} onChange={(e) => toggle(e.target.checked)} />
          <span className="visually-hidden">Set {field.label}</span>
          <span aria-hidden="true">set</span>
        </label>
      </div>
      <div className="param__inputs">
        <input
          type="range"
          aria-label={`${field.label} slider`}
          min={limit.min}
          max={sliderMax}
          step={limit.step}
          disabled={!set}
          value={value ?? initial}
          onChange={(e) => type(formatParam(Number(e.target.value), limit))}
        />
        <input
          id={`${id}-number`}
          type="text"
          inputMode={limit.integer ? 'numeric' : 'decimal'}
          className="param__number"
          disabled={!set}
          value={set ? draft : ''}
          placeholder={
            set ? undefined : limit.serverDefault !== undefined ? String(limit.serverDefault) : '—'
          }
          aria-invalid={shown !== null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => type(e.target.value)}
        />
      </div>
      <div id={`${id}-hint`} className="param__hint muted">
        {set ? `${limit.min}–${limit.max}` : (unsetText ?? unsetHint(limit))}
      </div>
      {shown && (
        <div role="alert" className="param__error" data-testid="param-error">
          {shown}
        </div>
      )}
    </div>
  );
}
