import type { GenerationParams } from '../../../shared/domain';
import { paramChips } from './param-chips';
import { withParam } from './param-fields';
import '../../styles/params.css';

/** Props of the chips beside a composer. */
export interface ParamChipsProps {
  params: GenerationParams;
  /** Called with the parameters without the one whose ✕ was clicked. */
  onChange(next: GenerationParams): void;
  /** Opens the parameter panel (the chips' "edit" affordance). */
  onOpen?(): void;
}

/**
 * The set parameters, as removable chips next to the composer in every generating view: what
 * the next request carries beyond the server's defaults is always in sight, and one click
 * removes any of it. Nothing is shown when nothing is set.
 */
export function ParamChips({ params, onChange, onOpen }: ParamChipsProps) {
  const chips = paramChips(params);
  if (chips.length === 0) return null;
  return (
    <ul className="param-chips" aria-label="Parameters this request sends" data-testid="param-chips">
      {chips.map((chip) => (
        <li key={chip.key} className="param-chip" data-param={chip.key}>
          {onOpen ? (
            <button type="button" className="param-chip__label" onClick={onOpen} title="Open the parameters">
              {chip.label}
            </button>
          ) : (
            <span className="param-chip__label">{chip.label}</span>
          )}
          <button
            type="button"
            className="param-chip__remove"
            aria-label={`Remove ${chip.label}`}
            onClick={() => onChange(withParam(params, chip.key, undefined))}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
