import { useId, useState } from 'react';
import type { TaskKind } from '../../../shared/domain';
import { PARAM_LIMITS } from '../../../shared/limits';
import { STOP_LABEL, stopProblem } from './param-fields';

/** Props of the stop-sequence chip editor. */
export interface StopSequencesProps {
  /** Undefined = unset (no `stop` key is sent). */
  value: string[] | undefined;
  onChange(value: string[] | undefined): void;
  task: TaskKind;
}

/** Control characters shown visibly inside a chip, so "\n" and " " are not invisible. */
function chipText(stop: string): string {
  return JSON.stringify(stop).slice(1, -1).replace(/ /g, '␠');
}

/**
 * Stop sequences as chips: type and press Enter (or Add), × removes one, all are visible. The
 * limit on count and length comes from the task's table; removing the last chip unsets the
 * parameter (an empty list would mean nothing anyway).
 */
export function StopSequences({ value, onChange, task }: StopSequencesProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const stops = value ?? [];
  const limit = PARAM_LIMITS[task].stop;

  const add = () => {
    // "\n" typed as backslash-n means a newline: there is no other way to type one here.
    const candidate = draft.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    const reason = stopProblem(candidate, stops, task);
    setProblem(reason);
    if (reason) return;
    onChange([...stops, candidate]);
    setDraft('');
  };

  const remove = (index: number) => {
    const next = stops.filter((_, i) => i !== index);
    setProblem(null);
    onChange(next.length ? next : undefined);
  };

  return (
    <div className="param param--stop" data-param="stop" data-set={value !== undefined}>
      <div className="param__head">
        <label htmlFor={`${id}-input`} className="param__label">
          {STOP_LABEL}
        </label>
        <span className="param__hint muted">
          {stops.length === 0 ? 'Unset: none sent' : `${stops.length}${limit ? ` of ${limit.maxCount}` : ''}`}
        </span>
        {stops.length > 0 && (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label="Clear all stop sequences"
            onClick={() => {
              setProblem(null);
              onChange(undefined);
            }}
          >
            Clear
          </button>
        )}
      </div>
      {stops.length > 0 && (
        <ul className="stop-chips" aria-label="Stop sequences set">
          {stops.map((stop, i) => (
            // Duplicates are refused, so a stop sequence is its own key.
            <li key={stop} className="stop-chip" data-testid="stop-chip">
              <code>{chipText(stop)}</code>
              <button
                type="button"
                className="stop-chip__remove"
                aria-label={`Remove stop sequence ${chipText(stop)}`}
                onClick={() => remove(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="param__inputs">
        <input
          id={`${id}-input`}
          type="text"
          value={draft}
          placeholder="Type, then Enter"
          aria-invalid={problem !== null}
          disabled={!limit}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
            e.preventDefault();
            add();
          }}
        />
        <button type="button" className="button button--small" onClick={add} disabled={!limit}>
          Add
        </button>
      </div>
      {problem && (
        <div role="alert" className="param__error" data-testid="param-error">
          {problem}
        </div>
      )}
    </div>
  );
}
