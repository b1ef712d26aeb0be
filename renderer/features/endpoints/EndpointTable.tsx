import type { Endpoint } from '../../../shared/domain';
import { usableFor } from '../../../shared/tasks';
import { openEndpointIn } from '../../core/open-endpoint';
import {
  formatCreated,
  formatEndpointState,
  formatScaleToZero,
  formatServedEntity,
  formatSize,
  KIND_LABELS,
} from './endpoint-format';

/** What a row's buttons ask the pane to open. */
export interface RowActions {
  details(name: string): void;
  scale(endpoint: Endpoint): void;
  remove(name: string): void;
  /** Present only when the Compare pane can take an endpoint. */
  compare?(name: string): void;
}

function stateClass(e: Endpoint): string {
  if (e.configUpdate === 'UPDATE_FAILED' || e.configUpdate === 'UPDATE_CANCELED') return 'state--warn';
  return e.ready === 'READY' ? 'state--ok' : 'state--warn';
}

function Row({ endpoint, busy, actions }: { endpoint: Endpoint; busy: boolean; actions: RowActions }) {
  const provisioned = endpoint.kind === 'provisioned-throughput';
  const usable = usableFor(endpoint, 'chat');
  return (
    <tr data-testid="endpoint-row" data-endpoint-name={endpoint.name} data-ready={endpoint.ready}>
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
        <span className={`state ${stateClass(endpoint)}`} data-testid="endpoint-state">
          {formatEndpointState(endpoint)}
        </span>
      </td>
      <td className={endpoint.entityName ? 'endpoint-entity endpoint-entity--uc' : 'endpoint-entity'}>
        {formatServedEntity(endpoint)}
      </td>
      <td>
        <span data-testid="endpoint-size">{formatSize(endpoint)}</span>
        {endpoint.scaleToZero != null && (
          <span className="muted endpoint-sub">scale to zero: {formatScaleToZero(endpoint)}</span>
        )}
      </td>
      <td className="endpoint-meta">
        {endpoint.creator ?? '—'}
        <br />
        <span className="muted">{formatCreated(endpoint.createdAt)}</span>
      </td>
      <td>
        <div className="endpoint-actions">
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => actions.details(endpoint.name)}
          >
            Details
          </button>
          {usable && (
            <button
              type="button"
              className="button button--small"
              onClick={() => openEndpointIn('chat', endpoint.name)}
            >
              Open in chat
            </button>
          )}
          {usable && actions.compare && (
            <button
              type="button"
              className="button button--small"
              aria-label="Open in compare"
              onClick={() => actions.compare?.(endpoint.name)}
            >
              Compare
            </button>
          )}
          {provisioned && (
            <>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => actions.scale(endpoint)}
              >
                Scale
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => actions.remove(endpoint.name)}
              >
                Delete
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The endpoint table: every column the issue names, plus per-row actions. */
export function EndpointTable({
  endpoints,
  busyNames,
  actions,
}: {
  endpoints: readonly Endpoint[];
  busyNames: Set<string>;
  actions: RowActions;
}) {
  return (
    <div className="table-wrap">
      <table className="table endpoint-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Task</th>
            <th scope="col">State</th>
            <th scope="col">Served entity</th>
            <th scope="col">Size · scale to zero</th>
            <th scope="col">Creator · created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <Row key={e.name} endpoint={e} busy={busyNames.has(e.name)} actions={actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
