import { useEffect, useState } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { formatError } from '../../core/format';
import {
  formatCreated,
  formatEndpointState,
  formatScaleToZero,
  formatServedEntity,
  formatSize,
  KIND_LABELS,
} from './endpoint-format';
import { useLifecycleStore } from './lifecycle-store';

function Facts({ endpoint }: { endpoint: Endpoint }) {
  const rows: [string, string][] = [
    ['Kind', KIND_LABELS[endpoint.kind]],
    ['Task', endpoint.task ?? '—'],
    ['State', formatEndpointState(endpoint)],
    ['Served entity', formatServedEntity(endpoint)],
    ['Size', formatSize(endpoint)],
    ['Scale to zero', formatScaleToZero(endpoint)],
    [
      'Context window',
      endpoint.contextWindow ? `${endpoint.contextWindow.toLocaleString('en-US')} tokens` : '—',
    ],
    ['Creator', endpoint.creator ?? '—'],
    ['Created', formatCreated(endpoint.createdAt)],
  ];
  if (endpoint.stateMessage) rows.push(['Server message', endpoint.stateMessage]);
  return (
    <dl className="endpoint-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One endpoint's details, fetched fresh, with the server's raw JSON. */
export function DetailsDialog({ name, onClose }: { name: string; onClose(): void }) {
  const details = useLifecycleStore((s) => s.details);
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'ready'; endpoint: Endpoint; raw: unknown }
    | { status: 'error'; message: string }
  >({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void details(name).then((r) => {
      if (!current) return;
      setState(r.ok ? { status: 'ready', ...r.value } : { status: 'error', message: formatError(r.error) });
    });
    return () => {
      current = false;
    };
  }, [name, details]);

  return (
    <Dialog title={name} testId="endpoint-details" onClose={onClose} size="wide">
      {state.status === 'loading' && <p role="status">Loading…</p>}
      {state.status === 'error' && (
        <p className="alert" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <Facts endpoint={state.endpoint} />
          {state.endpoint.warnings.length > 0 && (
            <ul className="notice">
              {state.endpoint.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <h3>Raw JSON</h3>
          <pre className="endpoint-json" data-testid="endpoint-raw-json">
            {JSON.stringify(state.raw, null, 2)}
          </pre>
        </>
      )}
    </Dialog>
  );
}
