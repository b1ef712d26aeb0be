import { useEffect, useId, useMemo } from 'react';
import { PANE_TASKS } from '../../../shared/tasks';
import { formatError } from '../chat/format';
import { useEndpointsStore } from '../endpoints/endpoints-store';
import { useWorkspaceStore } from '../workspaces/workspace-store';
import { useCompletionStore } from './completion-store';

/** The tasks the completion pane offers: the same rule the privileged side enforces (shared/tasks.ts). */
export const COMPLETION_TASKS = PANE_TASKS.completions;

/**
 * Picks the completion endpoint; when the saved one is not in this workspace, the first
 * ready one is taken.
 */
export function CompletionEndpointPicker() {
  const id = useId();
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const endpoint = useCompletionStore((s) => s.endpoint);
  const setEndpoint = useCompletionStore((s) => s.setEndpoint);
  const streaming = useCompletionStore((s) => s.streaming);
  const usable = useMemo(() => all.filter((e) => COMPLETION_TASKS.includes(e.taskKind)), [all]);
  const selected = usable.find((e) => e.name === endpoint);

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  useEffect(() => {
    if (status !== 'ready' || selected || usable.length === 0) return;
    const first = usable.find((e) => e.ready === 'READY') ?? usable[0];
    if (first) setEndpoint(first.name);
  }, [status, selected, usable, setEndpoint]);

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
