import { useEffect } from 'react';
import { formatError } from '../../core/format';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { useEmbeddingsStore } from './embeddings-store';

/** Checkboxes for the workspace's embedding endpoints. */
export function EndpointChecklist() {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const selected = useEmbeddingsStore((s) => s.selected);
  const toggle = useEmbeddingsStore((s) => s.toggleEndpoint);
  const running = useEmbeddingsStore((s) => s.phase !== 'idle');
  const applyDefault = useEmbeddingsStore((s) => s.applyDefaultSelection);

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  const embedding = endpoints.filter((e) => e.taskKind === 'embeddings');
  // After a workspace switch, ticks for endpoints this workspace doesn't have are dropped,
  // rather than sent and answered with "not found".
  useEffect(() => {
    if (status !== 'ready') return;
    for (const name of selected) if (!endpoints.some((e) => e.name === name)) toggle(name, false);
  }, [status, endpoints, selected, toggle]);
  // Nothing ticked on arrival made the first Embed fail with "Pick at least one…".
  useEffect(() => {
    if (status !== 'ready') return;
    applyDefault(
      endpoints.filter((e) => e.taskKind === 'embeddings' && e.ready === 'READY').map((e) => e.name),
    );
  }, [status, endpoints, applyDefault]);

  return (
    <fieldset className="emb-endpoints" disabled={running}>
      <legend className="emb-label">Embedding endpoints</legend>
      {status === 'loading' && embedding.length === 0 && <p className="hint">Loading endpoints…</p>}
      {status === 'error' && error && <p className="alert">{formatError(error)}</p>}
      {status === 'ready' && embedding.length === 0 && (
        <p className="hint">This workspace has no embedding endpoints (task llm/v1/embeddings).</p>
      )}
      {embedding.map((e) => (
        <label key={e.name} className="emb-endpoint">
          <input
            type="checkbox"
            checked={selected.includes(e.name)}
            onChange={(event) => toggle(e.name, event.target.checked)}
          />
          <span>{e.name}</span>
          {e.displayName && <span className="muted"> {e.displayName}</span>}
          {e.ready !== 'READY' && (
            <span className="badge badge--warn">{e.ready.toLowerCase().replace('_', ' ')}</span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
