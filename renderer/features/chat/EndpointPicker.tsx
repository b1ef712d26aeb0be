import { useEffect, useId, useMemo, useRef } from 'react';
import { usableFor } from '../../../shared/tasks';
import { useEndpointsStore } from '../endpoints/endpoints-store';
import { useWorkspaceStore } from '../workspaces/workspace-store';
import { useChatStore } from './chat-store';
import { formatError } from './format';

/**
 * Picks the conversation's endpoint among the workspace's chat-task endpoints (the last
 * choice is what new conversations start with); when it is not in this workspace, the first
 * ready one is taken. Takes the focus when an error asks the user to pick another.
 */
export function EndpointPicker() {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const focusTick = useChatStore((s) => s.pickerFocus);
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const endpoint = useChatStore((s) => s.endpoint);
  const setEndpoint = useChatStore((s) => s.setEndpoint);
  const streaming = useChatStore((s) => s.activeId !== null);
  const chatEndpoints = useMemo(() => all.filter((e) => usableFor(e, 'chat')), [all]);
  const selected = chatEndpoints.find((e) => e.name === endpoint);

  useEffect(() => {
    if (focusTick > 0) select.current?.focus();
  }, [focusTick]);

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
        ref={select}
        value={selected?.name ?? ''}
        disabled={streaming || chatEndpoints.length === 0}
        onChange={(e) => setEndpoint(e.target.value)}
      >
        {!selected && <option value="">{status === 'loading' ? 'Loading…' : 'No chat endpoint'}</option>}
        {chatEndpoints.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
            {e.contextWindow ? ` (${Math.round(e.contextWindow / 1024)}k)` : ''}
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
