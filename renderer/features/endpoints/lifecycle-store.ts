import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { CreatePtRequest, Endpoint, OptimizationInfo, PtConfig } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { getStudioApi } from '../../core/bridge';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import {
  type OperationKind,
  type OperationOutcome,
  type PollerDeps,
  watchOperation,
} from './lifecycle-poller';
import { loadOperations, newOperation, type PendingOperation, saveOperations } from './pending-operations';
import { readUnitHourPrice, writeUnitHourPrice } from './unit-price';

/*
 * Provisioned-throughput lifecycle: create, scale and delete, each followed by a watcher
 * that polls until the operation ends. Watchers live in the store, not in a component, so
 * closing the pane does not stop them; operations are mirrored to localStorage so a restart
 * resumes them (`resume`). A factory, so unit tests inject the bridge and the timers.
 */

type LifecycleApi = Pick<
  StudioApi,
  | 'getEndpoint'
  | 'getEndpointDetails'
  | 'getOptimizationInfo'
  | 'createProvisionedEndpoint'
  | 'updateProvisionedEndpoint'
  | 'deleteEndpoint'
>;

/** What the store needs from outside. */
export interface LifecycleDeps {
  api(): LifecycleApi;
  now(): number;
  setTimer: PollerDeps['setTimer'];
  clearTimer: PollerDeps['clearTimer'];
  /** Called when an operation starts or ends (the endpoint list should be reloaded). */
  onChanged(workspaceId: string): void;
  /** Called with every changed state a watcher reads (the list row can follow it). */
  onObserved?(workspaceId: string, endpoint: Endpoint): void;
  /** Persisted operations (localStorage in the app, memory in tests). */
  load(): PendingOperation[];
  save(operations: readonly PendingOperation[]): void;
}

/** Lifecycle state and actions. */
export interface LifecycleState {
  operations: PendingOperation[];
  /** $ per model unit-hour for every estimate. */
  unitHourUsd: number;
  setUnitHourUsd(value: number): void;
  /** Creates a provisioned endpoint and starts watching it; the result is the server's answer. */
  create(workspaceId: string, request: CreatePtRequest, summary: string): Promise<Result<Endpoint>>;
  /** Changes an endpoint's size and watches the update. */
  update(
    workspaceId: string,
    request: PtConfig & { name: string },
    summary: string,
  ): Promise<Result<Endpoint>>;
  /** Deletes an endpoint and watches until it is gone (404). */
  remove(workspaceId: string, name: string): Promise<Result<{ deleted: boolean }>>;
  /** Watches again every running operation of `workspaceId` that is not watched yet. */
  resume(workspaceId: string): void;
  /** Forgets a finished operation (or stops watching a running one). */
  dismiss(id: string): void;
  optimizationInfo(entityName: string, entityVersion: string): Promise<Result<OptimizationInfo>>;
  details(name: string): Promise<Result<{ endpoint: Endpoint; raw: unknown }>>;
}

/** Creates a lifecycle store over `deps`. */
export function createLifecycleStore(deps: LifecycleDeps) {
  const watchers = new Map<string, { cancel(): void }>();

  return create<LifecycleState>()((set, get) => {
    const write = (operations: PendingOperation[]) => {
      set({ operations });
      deps.save(operations);
    };
    const patch = (id: string, change: (op: PendingOperation) => PendingOperation) =>
      write(get().operations.map((op) => (op.id === id ? change(op) : op)));

    const settle = (op: PendingOperation, outcome: OperationOutcome) => {
      watchers.delete(op.id);
      patch(op.id, (o) => ({
        ...o,
        status: outcome.status,
        message: outcome.status === 'succeeded' ? null : outcome.message,
        finishedAt: deps.now(),
      }));
      deps.onChanged(op.workspaceId);
    };

    const watch = (op: PendingOperation) => {
      if (watchers.has(op.id)) return;
      const poller: PollerDeps = {
        getEndpoint: (name) => deps.api().getEndpoint({ name }),
        now: deps.now,
        setTimer: deps.setTimer,
        clearTimer: deps.clearTimer,
      };
      const handle = watchOperation(poller, {
        name: op.name,
        kind: op.kind,
        startedAt: op.startedAt,
        lastLabel: op.history.at(-1)?.label ?? null,
        onChange: (change, endpoint) => {
          patch(op.id, (o) => ({ ...o, history: [...o.history, change] }));
          if (endpoint) deps.onObserved?.(op.workspaceId, endpoint);
        },
        onDone: (outcome) => settle(op, outcome),
      });
      // The first poll awaits the bridge, so the handle is stored before any outcome arrives.
      watchers.set(op.id, handle);
    };

    /** Starts an operation: earlier running ones on the same endpoint stop (this one supersedes them). */
    const begin = (workspaceId: string, name: string, kind: OperationKind, summary: string) => {
      for (const o of get().operations) {
        if (o.workspaceId === workspaceId && o.name === name && o.status === 'running') {
          watchers.get(o.id)?.cancel();
          watchers.delete(o.id);
        }
      }
      const op = newOperation({ workspaceId, name, kind, summary }, deps.now());
      const rest = get().operations.map((o) =>
        o.workspaceId === workspaceId && o.name === name && o.status === 'running'
          ? {
              ...o,
              status: 'failed' as const,
              message: `Replaced by a later ${kind}.`,
              finishedAt: deps.now(),
            }
          : o,
      );
      write([op, ...rest]);
      watch(op);
      deps.onChanged(workspaceId);
    };

    return {
      operations: deps.load(),
      unitHourUsd: readUnitHourPrice(),

      setUnitHourUsd(value) {
        if (writeUnitHourPrice(value)) set({ unitHourUsd: value });
      },

      async create(workspaceId, request, summary) {
        const result = await deps.api().createProvisionedEndpoint(request);
        if (result.ok) begin(workspaceId, request.name, 'create', summary);
        return result;
      },

      async update(workspaceId, request, summary) {
        const result = await deps.api().updateProvisionedEndpoint(request);
        if (result.ok) begin(workspaceId, request.name, 'update', summary);
        return result;
      },

      async remove(workspaceId, name) {
        const result = await deps.api().deleteEndpoint({ name });
        if (result.ok) begin(workspaceId, name, 'delete', `delete ${name}`);
        return result;
      },

      resume(workspaceId) {
        for (const op of get().operations) {
          if (op.workspaceId === workspaceId && op.status === 'running') watch(op);
        }
      },

      dismiss(id) {
        watchers.get(id)?.cancel();
        watchers.delete(id);
        write(get().operations.filter((o) => o.id !== id));
      },

      optimizationInfo: (entityName, entityVersion) =>
        deps.api().getOptimizationInfo({ entityName, entityVersion }),
      details: (name) => deps.api().getEndpointDetails({ name }),
    };
  });
}

/** The app's lifecycle store. */
export const useLifecycleStore = createLifecycleStore({
  api: getStudioApi,
  now: Date.now,
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  // The list (and the chat's endpoint picker) must see a new, resized or deleted endpoint.
  onChanged: (workspaceId) => {
    if (useWorkspaceStore.getState().currentId === workspaceId)
      void useEndpointsStore.getState().load(workspaceId, true);
  },
  onObserved: (workspaceId, endpoint) => useEndpointsStore.getState().observe(workspaceId, endpoint),
  load: loadOperations,
  save: saveOperations,
});
