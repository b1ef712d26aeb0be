import { useEffect, useId, useRef } from 'react';
import { formatError } from '../../core/format';
import { useUsableEndpoints } from '../../core/stores/use-usable-endpoints';
import { useChatStore } from './chat-store';

/**
 * Picks the conversation's endpoint among the workspace's chat-task endpoints (the last
 * choice is what new conversations start with); when it is not in this workspace, the first
 * ready one is taken. Takes the focus when an error asks the user to pick another.
 */
export function EndpointPicker() {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const focusTick = useChatStore((s) => s.pickerFocus);
  const endpoint = useChatStore((s) => s.endpoint);
  const setEndpoint = useChatStore((s) => s.setEndpoint);
  const streaming = useChatStore((s) => s.activeId !== null);
  const {
    usable: chatEndpoints,
    selected,
    status,
    error,
  } = useUsableEndpoints('chat', endpoint, setEndpoint);

  useEffect(() => {
    if (focusTick > 0) select.current?.focus();
  }, [focusTick]);

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
