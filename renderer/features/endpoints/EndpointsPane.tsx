import '../../styles/endpoints.css';
import { useEffect, useMemo, useState } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { usableFor } from '../../../shared/tasks';
import { formatError } from '../../core/format';
import { openEndpointIn } from '../../core/open-endpoint';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { CreateDialog } from './CreateDialog';
import { DeleteDialog } from './DeleteDialog';
import { DetailsDialog } from './DetailsDialog';
import { EndpointFilters } from './EndpointFilters';
import { EndpointTable, type RowActions } from './EndpointTable';
import { filterEndpoints, NO_FILTER, taskOptions } from './endpoint-filter';
import { resumeOperationsOnWorkspaceChange } from './lifecycle-resume';
import { useLifecycleStore } from './lifecycle-store';
import { OperationsPanel } from './OperationsPanel';
import { ScaleDialog } from './ScaleDialog';
import { CostInsight } from './usage/CostInsight';
import { UsageView } from './usage/UsageView';

// App.tsx imports this pane at start-up, so watching resumes as soon as the app loads.
resumeOperationsOnWorkspaceChange();

type Tab = 'list' | 'cost' | 'usage';
const TABS: [Tab, string][] = [
  ['list', 'Endpoints'],
  ['cost', 'Cost insight'],
  ['usage', 'Usage'],
];

type Open =
  | { dialog: 'none' }
  | { dialog: 'create' }
  | { dialog: 'details'; name: string }
  | { dialog: 'scale'; endpoint: Endpoint }
  | { dialog: 'delete'; name: string };

function EndpointList({ workspaceId, onOpen }: { workspaceId: string; onOpen(open: Open): void }) {
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const operations = useLifecycleStore((s) => s.operations);
  const [filter, setFilter] = useState(NO_FILTER);
  const shown = useMemo(() => filterEndpoints(endpoints, filter), [endpoints, filter]);
  const tasks = useMemo(() => taskOptions(endpoints), [endpoints]);
  const chatNames = useMemo(
    () => new Set(endpoints.filter((e) => usableFor(e, 'chat')).map((e) => e.name)),
    [endpoints],
  );
  const busy = useMemo(
    () =>
      new Set(
        operations.filter((o) => o.status === 'running' && o.workspaceId === workspaceId).map((o) => o.name),
      ),
    [operations, workspaceId],
  );
  const actions: RowActions = {
    details: (name) => onOpen({ dialog: 'details', name }),
    scale: (endpoint) => onOpen({ dialog: 'scale', endpoint }),
    remove: (name) => onOpen({ dialog: 'delete', name }),
    compare: (name: string) => openEndpointIn('compare', name),
  };

  return (
    <>
      <OperationsPanel workspaceId={workspaceId} chatEndpoints={chatNames} />
      {status === 'error' && error && (
        <p role="alert" className="alert" data-testid="endpoints-error">
          {formatError(error)}
        </p>
      )}
      {status === 'ready' && endpoints.length === 0 && <p>This workspace has no serving endpoints.</p>}
      {endpoints.length > 0 && (
        <>
          <EndpointFilters
            filter={filter}
            tasks={tasks}
            shown={shown.length}
            total={endpoints.length}
            onChange={setFilter}
          />
          <EndpointTable endpoints={shown} busyNames={busy} actions={actions} />
        </>
      )}
    </>
  );
}

function Dialogs({ workspaceId, open, onClose }: { workspaceId: string; open: Open; onClose(): void }) {
  const names = useEndpointsStore((s) => s.endpoints).map((e) => e.name);
  switch (open.dialog) {
    case 'create':
      return <CreateDialog workspaceId={workspaceId} existing={names} onClose={onClose} />;
    case 'details':
      return <DetailsDialog name={open.name} onClose={onClose} />;
    case 'scale':
      return <ScaleDialog workspaceId={workspaceId} endpoint={open.endpoint} onClose={onClose} />;
    case 'delete':
      return <DeleteDialog workspaceId={workspaceId} name={open.name} onClose={onClose} />;
    default:
      return null;
  }
}

/**
 * The current workspace's serving endpoints — what sits behind each and whether it is ready —
 * with the provisioned-throughput lifecycle (create, watch, scale, delete), the cost insight
 * and the usage view.
 */
export function EndpointsPane() {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const status = useEndpointsStore((s) => s.status);
  const load = useEndpointsStore((s) => s.load);
  const [tab, setTab] = useState<Tab>('list');
  const [open, setOpen] = useState<Open>({ dialog: 'none' });

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  return (
    <section className="pane pane--endpoints" aria-labelledby="endpoints-title">
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
        <button
          type="button"
          className="button button--primary"
          disabled={!workspaceId}
          onClick={() => setOpen({ dialog: 'create' })}
        >
          Create provisioned endpoint
        </button>
        {status === 'loading' && (
          <span role="status" className="muted">
            Loading endpoints…
          </span>
        )}
      </div>
      <div role="tablist" aria-label="Endpoint views" className="endpoint-tabs">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`endpoint-tab${tab === id ? ' endpoint-tab--active' : ''}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {workspaceId && tab === 'list' && <EndpointList workspaceId={workspaceId} onOpen={setOpen} />}
      {tab === 'cost' && <CostInsight />}
      {tab === 'usage' && <UsageView />}
      {workspaceId && open.dialog !== 'none' && (
        <Dialogs workspaceId={workspaceId} open={open} onClose={() => setOpen({ dialog: 'none' })} />
      )}
    </section>
  );
}
