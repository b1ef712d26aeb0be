import { useEffect, useId, useRef } from 'react';
import type { Endpoint } from '../../shared/domain';
import { formatContextWindow, formatError } from '../core/format';
import { useUsableEndpoints } from '../core/stores/use-usable-endpoints';
import { problemOptionLabel, workspaceProblemOf } from '../core/workspace-problem';
import { CapabilityBadges } from './CapabilityBadges';
import { WorkspaceProblem } from './WorkspaceProblem';

/** What each pane calls its endpoints, for the empty states. */
const KIND_LABEL = {
  chat: { none: 'No chat endpoint', empty: 'This workspace has no chat endpoints.' },
  completions: {
    none: 'No completions endpoint',
    empty: 'This workspace has no completions endpoints (task llm/v1/completions).',
  },
} as const;

/**
 * A custom model declares no task, so the app can't know what body it takes: it is offered
 * here because the user picked it, and this says which shape will be sent.
 */
const CUSTOM_SHAPE_NOTE = {
  chat: 'Custom model (no task declared): sent a Chat Completions body, {"messages": […]}.',
  completions: 'Custom model (no task declared): sent a completions body, {"prompt": "…"}.',
} as const;

/** Props of {@link EndpointPicker}. */
export interface EndpointPickerProps {
  /** Which endpoints the pane can use (shared/tasks.ts). */
  pane: 'chat' | 'completions';
  endpoint: string | null;
  setEndpoint(name: string): void;
  /** While an answer streams the endpoint can't change. */
  disabled: boolean;
  /** Takes the focus whenever this number grows (an error asking to pick another). */
  focusTick?: number;
}

/** An option's label: the name, the context window when known, and "custom" for a custom model. */
function optionLabel(e: Endpoint): string {
  const window = e.contextWindow ? ` (${formatContextWindow(e.contextWindow)})` : '';
  return `${e.name}${window}${e.taskKind === 'other' ? ' (custom)' : ''}`;
}

/**
 * Picks a pane's endpoint among the current workspace's usable ones. With nothing chosen yet
 * the first ready one is taken; a chosen one that is gone stays selected as "<name> (missing)"
 * with the reason, until the user picks another (see `useUsableEndpoints`).
 * The selected endpoint's capabilities show beside it as badges.
 */
export function EndpointPicker({
  pane,
  endpoint,
  setEndpoint,
  disabled,
  focusTick = 0,
}: EndpointPickerProps) {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const { usable, selected, missing, status, error } = useUsableEndpoints(pane, endpoint, setEndpoint);
  const labels = KIND_LABEL[pane];
  // The workspace itself failing is not "no chat endpoint": say so, and offer the way out.
  const problem = status === 'error' ? workspaceProblemOf(error) : null;
  const emptyLabel = status === 'loading' ? 'Loading…' : problem ? problemOptionLabel(problem) : labels.none;

  useEffect(() => {
    if (focusTick > 0) select.current?.focus();
  }, [focusTick]);

  return (
    <div className="picker">
      <label htmlFor={id}>Endpoint</label>
      <select
        id={id}
        ref={select}
        value={selected?.name ?? missing?.name ?? ''}
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? `${id}-missing` : undefined}
        disabled={disabled || (usable.length === 0 && !missing)}
        onChange={(e) => setEndpoint(e.target.value)}
      >
        {!selected && !missing && <option value="">{emptyLabel}</option>}
        {missing && !selected && <option value={missing.name}>{missing.name} (missing)</option>}
        {usable.map((e) => (
          <option key={e.name} value={e.name}>
            {`${optionLabel(e)}${e.name === missing?.name ? ' (missing)' : ''}`}
          </option>
        ))}
      </select>
      {missing && (
        <span
          id={`${id}-missing`}
          role="status"
          className="alert alert--inline"
          data-testid="endpoint-missing"
        >
          {missing.reason}
        </span>
      )}
      {selected && !missing && (
        <span className="muted picker__hint">
          {selected.displayName ?? selected.model ?? ''}
          {selected.ready !== 'READY' && ' · not ready'}
        </span>
      )}
      {selected && <CapabilityBadges endpoint={selected} />}
      {selected && selected.taskKind === 'other' && (
        <span className="muted picker__hint" data-testid="custom-shape-note">
          {CUSTOM_SHAPE_NOTE[pane]}
        </span>
      )}
      {status === 'ready' && usable.length === 0 && <span className="muted">{labels.empty}</span>}
      {status === 'error' && error && !problem && (
        <span role="alert" className="alert alert--inline">
          {formatError(error)}
        </span>
      )}
      <WorkspaceProblem />
    </div>
  );
}
