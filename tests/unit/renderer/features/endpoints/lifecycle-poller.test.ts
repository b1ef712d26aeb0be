import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffMs,
  judge,
  type OperationOutcome,
  type PollerDeps,
  watchOperation,
} from '../../../../../renderer/features/endpoints/lifecycle-poller';
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
    model: 'system.ai.meta_llama_3_1_70b_instruct',
    displayName: null,
    creator: null,
    createdAt: null,
    contextWindow: null,
    provisionedUnits: 1,
    warnings: [],
    ...patch,
  };
}

/** A poller over a scripted sequence of answers (the last one repeats), on vitest's fake clock. */
function harness(answers: Result<Endpoint>[]) {
  const calls: number[] = [];
  let i = 0;
  const deps: PollerDeps = {
    getEndpoint: async () => {
      calls.push(Date.now());
      const answer = answers[Math.min(i, answers.length - 1)];
      i += 1;
      return answer as Result<Endpoint>;
    },
    now: () => Date.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  return { deps, calls };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe('backoff', () => {
  it('waits 1 s more per attempt, at most 10 s', () => {
    expect([1, 2, 3, 9, 10, 11, 50].map(backoffMs)).toEqual([1000, 2000, 3000, 9000, 10000, 10000, 10000]);
  });

  it('polls at once, then after 1, 2, … 10, 10 s', async () => {
    const { deps, calls } = harness([ok(endpoint())]);
    const onDone = vi.fn();
    const watch = watchOperation(deps, { name: 'x', kind: 'create', startedAt: Date.now(), onDone });
    await vi.advanceTimersByTimeAsync(0);
    for (let s = 1; s <= 12; s++) await vi.advanceTimersByTimeAsync(Math.min(s, 10) * 1000);
    const gaps = calls.slice(1).map((t, k) => (t - (calls[k] as number)) / 1000);
    expect(gaps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10]);
    expect(onDone).not.toHaveBeenCalled();
    watch.cancel();
  });
});

describe('terminal states', () => {
  it('succeeds on NOT_UPDATING and READY, reporting each state change once with its time', async () => {
    const { deps } = harness([
      ok(endpoint()),
      ok(endpoint()),
      ok(endpoint({ ready: 'READY', configUpdate: 'NOT_UPDATING' })),
    ]);
    const changes: string[] = [];
    let outcome: OperationOutcome | null = null;
    watchOperation(deps, {
      name: 'x',
      kind: 'create',
      startedAt: Date.now(),
      onChange: (c) => changes.push(`${(c.at - 1_000_000) / 1000}s ${c.label}`),
      onDone: (o) => {
        outcome = o;
      },
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(changes).toEqual([
      '0s not ready · config update: in progress',
      '3s ready · config update: not updating',
    ]);
    expect(outcome).toMatchObject({ status: 'succeeded' });
  });

  it('reports UPDATE_FAILED and UPDATE_CANCELED with the server message', () => {
    expect(
      judge(
        'update',
        ok(endpoint({ ready: 'READY', configUpdate: 'UPDATE_FAILED', stateMessage: 'No capacity' })),
      ),
    ).toEqual({
      status: 'failed',
      message: 'The update failed: No capacity',
    });
    expect(judge('create', ok(endpoint({ configUpdate: 'UPDATE_CANCELED' })))).toEqual({
      status: 'failed',
      message: 'The update was canceled.',
    });
  });

  it('keeps waiting while READY but still updating, and through transient read errors', () => {
    expect(judge('update', ok(endpoint({ ready: 'READY', configUpdate: 'IN_PROGRESS' })))).toBeNull();
    expect(judge('create', fail('NETWORK', 'Connection reset'))).toBeNull();
  });

  it('a delete ends on 404 and only then', () => {
    expect(judge('delete', ok(endpoint({ ready: 'READY', configUpdate: 'NOT_UPDATING' })))).toBeNull();
    expect(judge('delete', fail('NOT_FOUND', 'gone'))).toEqual({ status: 'succeeded', endpoint: null });
    expect(judge('create', fail('NOT_FOUND', 'gone'))?.status).toBe('failed');
  });

  it('gives up after 20 minutes with a clear message', async () => {
    const { deps, calls } = harness([ok(endpoint())]);
    let outcome: OperationOutcome | null = null;
    watchOperation(deps, {
      name: 'x',
      kind: 'create',
      startedAt: Date.now(),
      onDone: (o) => {
        outcome = o;
      },
    });
    await vi.advanceTimersByTimeAsync(19 * 60_000);
    expect(outcome).toBeNull();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(outcome).toMatchObject({
      status: 'timeout',
      message: expect.stringMatching(/20 minutes.*not ready/),
    });
    const n = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBe(n);
  });

  it('counts the deadline from the start, across a reload', async () => {
    const { deps } = harness([ok(endpoint())]);
    const onDone = vi.fn();
    watchOperation(deps, { name: 'x', kind: 'create', startedAt: Date.now() - 20 * 60_000, onDone });
    await vi.advanceTimersByTimeAsync(0);
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ status: 'timeout' }));
  });

  it('cancel stops quietly', async () => {
    const { deps, calls } = harness([ok(endpoint())]);
    const onDone = vi.fn();
    const w = watchOperation(deps, { name: 'x', kind: 'create', startedAt: Date.now(), onDone });
    await vi.advanceTimersByTimeAsync(0);
    w.cancel();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBe(1);
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('resuming', () => {
  it('does not record the last known state twice', async () => {
    vi.useFakeTimers();
    const { deps } = harness([ok(endpoint())]);
    const onChange = vi.fn();
    const w = watchOperation(deps, {
      name: 'x',
      kind: 'create',
      startedAt: Date.now(),
      lastLabel: 'not ready · config update: in progress',
      onChange,
      onDone: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(onChange).not.toHaveBeenCalled();
    w.cancel();
    vi.useRealTimers();
  });
});
