import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLifecycleStore,
  type LifecycleDeps,
} from '../../../../../renderer/features/endpoints/lifecycle-store';
import type { PendingOperation } from '../../../../../renderer/features/endpoints/pending-operations';
import type { Endpoint } from '../../../../../shared/domain';
import { fail, ok, type Result } from '../../../../../shared/errors';

function endpoint(patch: Partial<Endpoint> = {}): Endpoint {
  return {
    name: 'my-llama-pt',
    kind: 'provisioned-throughput',
    task: 'llm/v1/chat',
    taskKind: 'chat',
    ready: 'NOT_READY',
    configUpdate: 'IN_PROGRESS',
    model: null,
    displayName: null,
    creator: null,
    createdAt: null,
    contextWindow: null,
    provisionedUnits: 1,
    warnings: [],
    ...patch,
  };
}

/** A StudioApi test double whose endpoint becomes ready after `readyAfterPolls` reads. */
function harness(stored: PendingOperation[] = []) {
  let state: Result<Endpoint> = ok(endpoint());
  let saved: readonly PendingOperation[] = stored;
  const changed: string[] = [];
  const observed: string[] = [];
  const api = {
    getEndpoint: vi.fn(async () => state),
    getEndpointDetails: vi.fn(),
    getOptimizationInfo: vi.fn(),
    createProvisionedEndpoint: vi.fn(async (r: { name: string }) =>
      r.name === 'taken'
        ? fail<Endpoint>('CONFLICT', "Endpoint with name 'taken' already exists.", { status: 409 })
        : ok(endpoint({ name: r.name })),
    ),
    updateProvisionedEndpoint: vi.fn(async () => ok(endpoint())),
    deleteEndpoint: vi.fn(async () => ok({ deleted: true })),
  };
  const deps: LifecycleDeps = {
    api: () => api as unknown as ReturnType<LifecycleDeps['api']>,
    now: () => Date.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    onChanged: (ws) => changed.push(ws),
    onObserved: (ws, e) => observed.push(`${ws} ${e.ready}`),
    load: () => [...stored],
    save: (ops) => {
      saved = ops;
    },
  };
  return {
    store: createLifecycleStore(deps),
    api,
    changed,
    observed,
    saved: () => saved,
    setState: (s: Result<Endpoint>) => {
      state = s;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(5_000_000);
});
afterEach(() => vi.useRealTimers());

const request = {
  name: 'my-llama-pt',
  entityName: 'system.ai.meta_llama_3_1_70b_instruct',
  entityVersion: '1',
  provisionedModelUnits: 1,
};

describe('lifecycle store', () => {
  it('creates, watches until ready, and persists the history', async () => {
    const h = harness();
    const result = await h.store.getState().create('ws', request, '1 model unit');
    expect(result.ok).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.store.getState().operations[0]).toMatchObject({
      status: 'running',
      kind: 'create',
      name: 'my-llama-pt',
    });
    h.setState(ok(endpoint({ ready: 'READY', configUpdate: 'NOT_UPDATING' })));
    await vi.advanceTimersByTimeAsync(1000);
    const op = h.store.getState().operations[0];
    expect(op?.status).toBe('succeeded');
    expect(op?.history.map((c) => c.label)).toEqual([
      'not ready · config update: in progress',
      'ready · config update: not updating',
    ]);
    expect(h.saved()[0]?.status).toBe('succeeded');
    expect(h.changed).toEqual(['ws', 'ws']);
    // The list row follows each new state between reloads.
    expect(h.observed).toEqual(['ws NOT_READY', 'ws READY']);
  });

  it('returns the server error and watches nothing when creation is refused', async () => {
    const h = harness();
    const result = await h.store.getState().create('ws', { ...request, name: 'taken' }, '');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/already exists/);
    expect(h.store.getState().operations).toEqual([]);
    expect(h.api.getEndpoint).not.toHaveBeenCalled();
  });

  it('a failed update keeps the server message', async () => {
    const h = harness();
    await h.store.getState().update('ws', { ...request, provisionedModelUnits: 2 }, '2 model units');
    h.setState(
      ok(endpoint({ ready: 'READY', configUpdate: 'UPDATE_FAILED', stateMessage: 'Not enough capacity' })),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.store.getState().operations[0]).toMatchObject({
      status: 'failed',
      message: 'The update failed: Not enough capacity',
    });
  });

  it('a delete ends when the endpoint answers 404', async () => {
    const h = harness();
    h.setState(ok(endpoint({ ready: 'READY', configUpdate: 'NOT_UPDATING' })));
    await h.store.getState().remove('ws', 'my-llama-pt');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.store.getState().operations[0]?.status).toBe('running');
    h.setState(fail('NOT_FOUND', 'gone'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.store.getState().operations[0]?.status).toBe('succeeded');
  });

  it('resumes running operations of the current workspace after a restart', async () => {
    const stored: PendingOperation[] = [
      {
        id: 'a',
        workspaceId: 'ws',
        name: 'my-llama-pt',
        kind: 'create',
        summary: '',
        startedAt: Date.now() - 5000,
        status: 'running',
        history: [],
        message: null,
        finishedAt: null,
      },
      {
        id: 'b',
        workspaceId: 'other',
        name: 'x',
        kind: 'create',
        summary: '',
        startedAt: Date.now(),
        status: 'running',
        history: [],
        message: null,
        finishedAt: null,
      },
    ];
    const h = harness(stored);
    h.setState(ok(endpoint({ ready: 'READY', configUpdate: 'NOT_UPDATING' })));
    h.store.getState().resume('ws');
    h.store.getState().resume('ws');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.api.getEndpoint).toHaveBeenCalledTimes(1);
    expect(h.store.getState().operations.map((o) => o.status)).toEqual(['succeeded', 'running']);
  });

  it('a later operation on the same endpoint replaces a running one; dismiss forgets', async () => {
    const h = harness();
    await h.store.getState().create('ws', request, '');
    await h.store.getState().remove('ws', 'my-llama-pt');
    const [latest, earlier] = h.store.getState().operations;
    expect(latest?.kind).toBe('delete');
    expect(earlier).toMatchObject({ status: 'failed', message: 'Replaced by a later delete.' });
    h.store.getState().dismiss(latest?.id ?? '');
    expect(h.store.getState().operations).toHaveLength(1);
  });
});
