import { useEffect } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { useNavStore } from '../../app/nav-store';
import { useChatStore } from '../chat/chat-store';
import { formatError } from '../chat/format';
import { useWorkspaceStore } from '../workspaces/workspace-store';
import { formatEndpointState, KIND_LABELS } from './endpoint-format';
import { useEndpointsStore } from './endpoints-store';

function EndpointRow({ endpoint }: { endpoint: Endpoint }) {
  const setEndpoint = useChatStore((s) => s.setEndpoint);
  const show = useNavStore((s) => s.show);
  const openInChat = () => {
    setEndpoint(endpoint.name);
    show('chat');
  };
  return (
    <tr data-testid="endpoint-row" data-endpoint-name={endpoint.name}>
      <th scope="row">
        <span className="endpoint-name">{endpoint.name}</span>
        {endpoint.warnings.length > 0 && (
          <span className="badge badge--warn" title={endpoint.warnings.join('\n')}>
            {endpoint.warnings.length} warning{endpoint.warnings.length === 1 ? '' : 's'}
          </span>
        )}
      </th>
      <td>{KIND_LABELS[endpoint.kind]}</td>
      <td>
        <code>{endpoint.task ?? '—'}</code>
      </td>
      <td>
        <span className={`state state--${endpoint.ready === 'READY' ? 'ok' : 'warn'}`}>
          {formatEndpointState(endpoint)}
        </span>
      </td>
      <td>{endpoint.displayName ?? endpoint.model ?? '—'}</td>
      <td>
        {endpoint.taskKind === 'chat' && (
          <button type="button" className="button button--small" onClick={openInChat}>
            Open in chat
          </button>
        )}
      </td>
    </tr>
  );
}

/** The current workspace's serving endpoints: what sits behind each and whether it is ready. */
export function EndpointsPane() {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  return (
    <section className="pane" aria-labelledby="endpoints-title">
      <div className="pane__header">
        <h2 id="endpoints-title">Endpoints</h2>
        <button
          type="button"
          className="button"
          disabled={status === 'loading' || !workspaceId}
          onClick={() => workspaceId && void load(workspaceId, true)}
        >
          Refresh
        </button>
        {status === 'loading' && (
          <span role="status" className="muted">
            Loading endpoints…
          </span>
        )}
      </div>
      {status === 'error' && error && (
        <p role="alert" className="alert" data-testid="endpoints-error">
          {formatError(error)}
        </p>
      )}
      {status === 'ready' && endpoints.length === 0 && <p>This workspace has no serving endpoints.</p>}
      {endpoints.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Task</th>
                <th scope="col">State</th>
                <th scope="col">Model</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <EndpointRow key={e.name} endpoint={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
