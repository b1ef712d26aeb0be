import { useEffect, useId, useMemo } from 'react';
import { useEndpointsStore } from '../endpoints/endpoints-store';
import { useWorkspaceStore } from '../workspaces/workspace-store';
import { useChatStore } from './chat-store';
import { formatError } from './format';

/**
 * Picks the chat endpoint among the workspace's chat-task endpoints. The last choice is
 * remembered (a preference); when it is not in this workspace, the first ready one is taken.
 */
export function EndpointPicker() {
  const id = useId();
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const endpoint = useChatStore((s) => s.endpoint);
  const setEndpoint = useChatStore((s) => s.setEndpoint);
  const streaming = useChatStore((s) => s.activeId !== null);
  const chatEndpoints = useMemo(() => all.filter((e) => e.taskKind === 'chat'), [all]);
  const selected = chatEndpoints.find((e) => e.name === endpoint);

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  useEffect(() => {
    if (status !== 'ready' || selected || chatEndpoints.length === 0) return;
    const first = chatEndpoints.find((e) => e.ready === 'READY') ?? chatEndpoints[0];
    if (first) setEndpoint(first.name);
  }, [status, selected, chatEndpoints, setEndpoint]);

  return (
    <div className="picker">
      <label htmlFor={id}>Endpoint</label>
      <select
        id={id}
        value={selected?.name ?? ''}
        disabled={streaming || chatEndpoints.length === 0}
        onChange={(e) => setEndpoint(e.target.value)}
      >
        {!selected && <option value="">{status === 'loading' ? 'Loading…' : 'No chat endpoint'}</option>}
        {chatEndpoints.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
          </option>
        ))}
      </select>
      {selected && (
        <span className="muted picker__hint">
          {selected.displayName ?? selected.model ?? ''}
          {selected.ready !== 'READY' && ' · not ready'}
        </span>
      )}
      {status === 'ready' && chatEndpoints.length === 0 && (
        <span className="muted">This workspace has no chat endpoints.</span>
      )}
      {status === 'error' && error && (
        <span role="alert" className="alert alert--inline">
          {formatError(error)}
        </span>
      )}
    </div>
  );
}
