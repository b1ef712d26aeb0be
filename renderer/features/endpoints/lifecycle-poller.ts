import type { Endpoint } from '../../../shared/domain';
import { describeError, type Result } from '../../../shared/errors';

/*
 * Watches a provisioned-throughput operation (create, update, delete) until it ends, the way
 * the Databricks SDKs wait: poll GET, back off 1 s more per attempt up to 10 s, succeed on
 * NOT_UPDATING + READY (or on 404 for a delete), fail on UPDATE_FAILED/UPDATE_CANCELED with
 * the server's message, and give up after ~20 minutes. Pure: the clock and timers are
 * injected so unit tests drive it with fake timers and no bridge.
 */

/** Which lifecycle operation is being watched. */
export type OperationKind = 'create' | 'update' | 'delete';

/** One observed state of the endpoint, kept only when it differs from the previous one. */
export interface StateChange {
  at: number;
  /** e.g. "not ready · config update: in progress", "deleted", "could not read: …". */
  label: string;
}

/** How an operation ended. */
export type OperationOutcome =
  | { status: 'succeeded'; endpoint: Endpoint | null }
  | { status: 'failed'; message: string }
  | { status: 'timeout'; message: string };

/** What the poller needs from the outside world. */
export interface PollerDeps {
  getEndpoint(name: string): Promise<Result<Endpoint>>;
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** One watch. */
export interface PollOptions {
  name: string;
  kind: OperationKind;
  /** When the operation started (epoch ms): the give-up deadline counts from here, across reloads. */
  startedAt: number;
  /** The last state already recorded (a resumed watch does not record it twice). */
  lastLabel?: string | null;
  /** Give up after this long (default 20 minutes). */
  maxMs?: number;
  /** Called on every observation that changes the state label. */
  onChange?(change: StateChange, endpoint: Endpoint | null): void;
  /** Called once, when the operation ends (not after `cancel`). */
  onDone(outcome: OperationOutcome): void;
}

/** Default give-up time: the SDKs wait 10–20 minutes; creation takes minutes. */
export const MAX_WAIT_MS = 20 * 60_000;

/** The delay before poll number `attempt` (1-based): 1 s, 2 s, … capped at 10 s. */
export function backoffMs(attempt: number): number {
  return Math.min(Math.max(1, Math.floor(attempt)), 10) * 1000;
}

/** "ready", "not ready · config update: in progress", … */
export function stateLabel(endpoint: Pick<Endpoint, 'ready' | 'configUpdate'>): string {
  const ready =
    endpoint.ready === 'READY' ? 'ready' : endpoint.ready === 'NOT_READY' ? 'not ready' : 'readiness unknown';
  const update = endpoint.configUpdate ?? 'NOT_UPDATING';
  return `${ready} · config update: ${update.toLowerCase().replaceAll('_', ' ')}`;
}

/**
 * Judges one observation: an outcome when the operation has ended, else null (keep polling).
 * A read error other than a delete's 404 is treated as transient: the SDKs keep waiting too.
 */
export function judge(kind: OperationKind, result: Result<Endpoint>): OperationOutcome | null {
  if (kind === 'delete') {
    if (!result.ok && result.error.code === 'NOT_FOUND') return { status: 'succeeded', endpoint: null };
    return null;
  }
  if (!result.ok) {
    if (result.error.code === 'NOT_FOUND')
      return { status: 'failed', message: `The endpoint no longer exists: ${describeError(result.error)}` };
    return null;
  }
  const e = result.value;
  if (e.configUpdate === 'UPDATE_FAILED' || e.configUpdate === 'UPDATE_CANCELED') {
    const what = e.configUpdate === 'UPDATE_FAILED' ? 'The update failed' : 'The update was canceled';
    return { status: 'failed', message: e.stateMessage ? `${what}: ${e.stateMessage}` : `${what}.` };
  }
  const settled = e.configUpdate === 'NOT_UPDATING' || e.configUpdate === null;
  if (settled && e.ready === 'READY') return { status: 'succeeded', endpoint: e };
  return null;
}

function observedLabel(kind: OperationKind, result: Result<Endpoint>): string {
  if (result.ok) return stateLabel(result.value);
  if (kind === 'delete' && result.error.code === 'NOT_FOUND') return 'deleted';
  return `could not read the endpoint: ${describeError(result.error)}`;
}

/**
 * Starts watching; the first poll happens at once (so a reopened app shows the current
 * state immediately), then after 1 s, 2 s, … 10 s, 10 s. Returns `cancel` (stops quietly).
 */
export function watchOperation(deps: PollerDeps, options: PollOptions): { cancel(): void } {
  const maxMs = options.maxMs ?? MAX_WAIT_MS;
  let attempt = 0;
  let timer: unknown = null;
  let stopped = false;
  let lastLabel: string | null = options.lastLabel ?? null;

  const finish = (outcome: OperationOutcome) => {
    stopped = true;
    options.onDone(outcome);
  };

  const poll = async () => {
    timer = null;
    if (stopped) return;
    const result = await deps.getEndpoint(options.name);
    if (stopped) return;
    const label = observedLabel(options.kind, result);
    if (label !== lastLabel) {
      lastLabel = label;
      options.onChange?.({ at: deps.now(), label }, result.ok ? result.value : null);
    }
    const outcome = judge(options.kind, result);
    if (outcome) return finish(outcome);
    attempt += 1;
    const delay = backoffMs(attempt);
    if (deps.now() + delay - options.startedAt > maxMs) {
      const minutes = Math.round(maxMs / 60_000);
      return finish({
        status: 'timeout',
        message: `Stopped watching after ${minutes} minutes; the endpoint was still ${lastLabel}. It may still finish: refresh the list later.`,
      });
    }
    timer = deps.setTimer(() => void poll(), delay);
  };

  void poll();
  return {
    cancel() {
      stopped = true;
      if (timer !== null) deps.clearTimer(timer);
    },
  };
}
