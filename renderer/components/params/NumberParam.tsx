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
  /** Where the slider rests while unset (the server default when known). */
  initial: number;
  parse(text: string): ParseResult;
  /** Tells the panel about refused input (null when the field is fine again). */
  onProblem(reason: string | null): void;
  /** What unset means, when not the server default of the limit (e.g. "no thinking"). */
  unsetText?: string;
}

const clamp = (n: number, limit: NumericLimit) => Math.min(limit.max, Math.max(limit.min, n));

/**
 * A numeric parameter: a slider and a number field kept in sync. Moving the slider or typing a
 * value sets it; the ✕ unsets it (nothing is sent, the server default shown as a hint) and so
 * does clearing the field. Typed input that is refused stays in the field with the reason
 * beside it, is never passed to `onChange`, and the slider shows it clamped to the range.
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
    if (text.trim() === '') {
      setProblem(null);
      if (value !== undefined) onChange(undefined);
      return;
    }
    const result = parse(text);
    setProblem(result.ok ? null : result.reason);
    if (result.ok && result.value !== value) onChange(result.value);
  };

  const unset = () => {
    setProblem(null);
    setDraft('');
    onChange(undefined);
  };

  // The slider follows what is typed, even a refused number (clamped: 3 shows at the end of a
  // 0–2 slider, beside the reason), and rests at the default while unset.
  const typed = draft.trim() === '' ? Number.NaN : Number(draft);
  const sliderValue = Number.isFinite(typed) ? clamp(typed, limit) : (value ?? initial);
  const clamped = Number.isFinite(typed) && typed !== sliderValue;
  return (
    <div className="param" data-param={field.key} data-set={set}>
      <div className="param__head">
        <label htmlFor={`${id}-number`} className="param__label">
          {field.label}
        </label>
        {set || draft !== '' ? (
          <button
            type="button"
            className="param__unset"
            aria-label={`Unset ${field.label}`}
            title="Unset: send nothing (the server's default applies)"
            onClick={unset}
          >
            ✕
          </button>
        ) : (
          <span className="param__default muted">default</span>
        )}
      </div>
      <div className="param__inputs">
        <input
          type="range"
          aria-label={`${field.label} slider`}
          className={set ? undefined : 'param__slider--unset'}
          data-clamped={clamped || undefined}
          min={limit.min}
          max={limit.max}
          step={limit.step}
          value={sliderValue}
          onChange={(e) => type(formatParam(Number(e.target.value), limit))}
        />
        <input
          id={`${id}-number`}
          type="text"
          inputMode={limit.integer ? 'numeric' : 'decimal'}
          className="param__number"
          value={draft}
          placeholder={limit.serverDefault !== undefined ? String(limit.serverDefault) : '—'}
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
          {clamped && ` (the slider shows it at ${typed > limit.max ? 'its maximum' : 'its minimum'})`}
        </div>
      )}
    </div>
  );
}
