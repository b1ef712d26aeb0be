import { readPreference, writePreference } from '../../core/preferences';
import type { OperationKind, StateChange } from './lifecycle-poller';

/*
 * Lifecycle operations kept in localStorage so that watching survives closing the pane and
 * restarting the app: on load, every running operation of the current workspace is watched
 * again from where it was (the give-up deadline still counts from `startedAt`). Only names,
 * states and times are stored: nothing secret.
 */

/** Where an operation is. */
export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'timeout';

/** One create / update / delete being (or having been) watched. */
export interface PendingOperation {
  /** Unique per operation (kind, name, start time and a counter). */
  id: string;
  workspaceId: string;
  name: string;
  kind: OperationKind;
  /** A one-line summary of what was asked, e.g. "1 model unit of system.ai.…". */
  summary: string;
  startedAt: number;
  status: OperationStatus;
  history: StateChange[];
  /** The outcome's message (failure reason, time-out), when there is one. */
  message: string | null;
  finishedAt: number | null;
}

const KEY = 'endpoints.operations';
/** Finished operations are kept until dismissed, but never more than this many in total. */
const MAX_KEPT = 20;

function isOperation(v: unknown): v is PendingOperation {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.workspaceId === 'string' &&
    typeof o.name === 'string' &&
    (o.kind === 'create' || o.kind === 'update' || o.kind === 'delete') &&
    typeof o.startedAt === 'number' &&
    typeof o.status === 'string' &&
    Array.isArray(o.history)
  );
}

/** Reads the stored operations; anything unreadable is dropped rather than crashing the pane. */
export function loadOperations(): PendingOperation[] {
  const raw = readPreference(KEY);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isOperation) : [];
  } catch {
    return [];
  }
}

/** Stores `operations`, keeping running ones first and at most MAX_KEPT. */
export function saveOperations(operations: readonly PendingOperation[]): void {
  const running = operations.filter((o) => o.status === 'running');
  const finished = operations.filter((o) => o.status !== 'running');
  const kept = [...running, ...finished].slice(0, MAX_KEPT);
  writePreference(KEY, kept.length > 0 ? JSON.stringify(kept) : null);
}

let sequence = 0;

/** A new running operation. */
export function newOperation(
  init: Pick<PendingOperation, 'workspaceId' | 'name' | 'kind' | 'summary'>,
  now: number,
): PendingOperation {
  return {
    ...init,
    id: `${init.kind}:${init.name}@${now}#${++sequence}`,
    startedAt: now,
    status: 'running',
    history: [],
    message: null,
    finishedAt: null,
  };
}
