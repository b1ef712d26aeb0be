import { useId } from 'react';
import { formatError } from '../../core/format';
import { useUsableEndpoints } from '../../core/stores/use-usable-endpoints';
import { useCompletionStore } from './completion-store';

/**
 * Picks the completion endpoint; when the saved one is not in this workspace, the first
 * ready one is taken.
 */
export function CompletionEndpointPicker() {
  const id = useId();
  const endpoint = useCompletionStore((s) => s.endpoint);
  const setEndpoint = useCompletionStore((s) => s.setEndpoint);
  const streaming = useCompletionStore((s) => s.streaming);
  const { usable, selected, status, error } = useUsableEndpoints('completions', endpoint, setEndpoint);

  return (
    <div className="picker">
      <label htmlFor={id}>Endpoint</label>
      <select
        id={id}
        value={selected?.name ?? ''}
        disabled={streaming || usable.length === 0}
        onChange={(e) => setEndpoint(e.target.value)}
      >
        {!selected && (
          <option value="">{status === 'loading' ? 'Loading…' : 'No completions endpoint'}</option>
        )}
        {usable.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
            {e.taskKind === 'other' ? ' (custom)' : ''}
          </option>
        ))}
      </select>
      {selected && (
        <span className="muted picker__hint">
          {selected.displayName ?? selected.model ?? ''}
          {selected.ready !== 'READY' && ' · not ready'}
        </span>
      )}
      {status === 'ready' && usable.length === 0 && (
        <span className="muted">This workspace has no completions endpoints (task llm/v1/completions).</span>
      )}
      {status === 'error' && error && (
        <span role="alert" className="alert alert--inline">
          {formatError(error)}
        </span>
      )}
    </div>
  );
}
