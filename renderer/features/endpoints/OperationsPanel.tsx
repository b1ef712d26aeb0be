import { useMemo } from 'react';
import { openEndpointIn } from '../../core/open-endpoint';
import { formatClock } from './endpoint-format';
import { useLifecycleStore } from './lifecycle-store';
import type { PendingOperation } from './pending-operations';

const KIND_WORDS = { create: 'Creating', update: 'Updating', delete: 'Deleting' } as const;
const DONE_WORDS = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const;

function heading(op: PendingOperation): string {
  if (op.status === 'running') return `${KIND_WORDS[op.kind]} ${op.name}…`;
  if (op.status === 'succeeded') return `${DONE_WORDS[op.kind]} ${op.name}`;
  if (op.status === 'timeout') return `Stopped watching ${op.name}`;
  return `${KIND_WORDS[op.kind]} ${op.name} failed`;
}

function Operation({ op, canChat }: { op: PendingOperation; canChat: boolean }) {
  const dismiss = useLifecycleStore((s) => s.dismiss);
  const badge = op.status === 'succeeded' ? 'badge--ok' : op.status === 'running' ? '' : 'badge--warn';
  return (
    <li
      className="operation"
      data-testid="pt-operation"
      data-endpoint-name={op.name}
      data-kind={op.kind}
      data-status={op.status}
    >
      <div className="row">
        <strong>{heading(op)}</strong>
        <span className={`badge ${badge}`}>{op.status}</span>
        <span className="muted">
          {op.summary} · started {formatClock(op.startedAt)}
        </span>
        <span className="operation__actions">
          {op.status === 'succeeded' && op.kind !== 'delete' && canChat && (
            <button
              type="button"
              className="button button--small"
              onClick={() => openEndpointIn('chat', op.name)}
            >
              Open in chat
            </button>
          )}
          <button type="button" className="button button--small button--ghost" onClick={() => dismiss(op.id)}>
            {op.status === 'running' ? 'Stop watching' : 'Dismiss'}
          </button>
        </span>
      </div>
      <ol className="operation__history" aria-label={`State changes of ${op.name}`}>
        {op.history.map((change) => (
          <li key={`${change.at}-${change.label}`}>
            <time dateTime={new Date(change.at).toISOString()}>{formatClock(change.at)}</time> {change.label}
          </li>
        ))}
        {op.status === 'running' && <li className="muted">watching… (checks back off from 1 s to 10 s)</li>}
      </ol>
      {op.message && (
        <p
          className={op.status === 'failed' ? 'alert' : 'notice'}
          role="alert"
          data-testid="pt-operation-message"
        >
          {op.message}
        </p>
      )}
    </li>
  );
}

/**
 * The lifecycle operations of this workspace, newest first: each state change with its time,
 * the outcome, and a way to use the endpoint once it is ready.
 */
export function OperationsPanel({
  workspaceId,
  chatEndpoints,
}: {
  workspaceId: string;
  chatEndpoints: Set<string>;
}) {
  const all = useLifecycleStore((s) => s.operations);
  const operations = useMemo(() => all.filter((o) => o.workspaceId === workspaceId), [all, workspaceId]);
  if (operations.length === 0) return null;
  return (
    <section className="operations" aria-label="Endpoint operations">
      <ul className="operations__list">
        {operations.map((op) => (
          <Operation key={op.id} op={op} canChat={chatEndpoints.has(op.name)} />
        ))}
      </ul>
    </section>
  );
}
