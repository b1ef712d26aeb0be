import 'fake-indexeddb/auto';
import { completionRunsRepo } from '../../../../../renderer/core/db/completion-runs-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import type { UsageRecord } from '../../../../../renderer/core/db/records';
import type { SaverTimers } from '../../../../../renderer/core/db/throttled-saver';
import type { FrameClock } from '../../../../../renderer/core/stream/frame-batcher';
import { createCompletionStore } from '../../../../../renderer/features/completion/create-completion-store';
import type { RequestOf, StudioApi } from '../../../../../shared/contract';
import type { Metrics } from '../../../../../shared/domain';
import { fail, ok, type StudioError } from '../../../../../shared/errors';
import type { StreamEvent, StreamEventBody } from '../../../../../shared/stream-events';

/* A completion store on a StudioApi double, a fake-indexeddb database and manual clocks. */

export const METRICS: Metrics = {
  startedAt: 0,
  firstByteMs: 5,
  ttftMs: 10,
  totalMs: 100,
  tokensPerSec: 50,
  promptTokens: 3,
  completionTokens: 4,
  usageReported: true,
  retries: 0,
};

/** A StudioApi double: records completion requests, lets the test push stream events. */
export function fakeApi(options: { startErrors?: StudioError[]; cancelled?: boolean } = {}) {
  const listeners = new Set<(e: StreamEvent) => void>();
  const requests: RequestOf<'startCompletion'>[] = [];
  const cancels: string[] = [];
  const startErrors = [...(options.startErrors ?? [])];
  let streams = 0;
  const api = {
    onStreamEvent(l: (e: StreamEvent) => void) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    async startCompletion(request: RequestOf<'startCompletion'>) {
      requests.push(request);
      const error = startErrors.shift();
      if (error) return fail(error.code, error.message, error);
      return ok({ streamId: `s${++streams}` });
    },
    async cancelStream({ streamId }: { streamId: string }) {
      cancels.push(streamId);
      return ok({ cancelled: options.cancelled ?? true });
    },
  } as unknown as StudioApi;
  const emit = (streamId: string, seq: number, body: StreamEventBody) =>
    listeners.forEach((l) => {
      l({ ...body, streamId, seq } as StreamEvent);
    });
  return { api, requests, cancels, emit, listeners };
}

function manualClock() {
  let frames: (() => void)[] = [];
  // Each frame is 100 ms after the last: every frame may flush (stores batch at most every 50 ms).
  let time = 0;
  const clock: FrameClock = {
    now: () => time,
    requestFrame(cb) {
      frames.push(cb);
      return () => {
        frames = frames.filter((f) => f !== cb);
      };
    },
    setTimer: () => () => undefined,
    isHidden: () => false,
  };
  const frame = () => {
    const due = frames;
    frames = [];
    for (const f of due) f();
    time += 100;
  };
  return { clock, frame };
}

const immediateTimers: SaverTimers = {
  setTimeout: (cb) => {
    queueMicrotask(cb);
    return 0;
  },
  clearTimeout: () => undefined,
  now: () => Date.now(),
};

let dbCount = 0;

/** Everything a test needs: the store, its database, the API double and the frame clock. */
export function setup(options: { startErrors?: StudioError[]; cancelled?: boolean; demo?: boolean } = {}) {
  const fake = fakeApi(options);
  const { clock, frame } = manualClock();
  const db = openStudioDatabase(`completion-test-${++dbCount}-${Date.now()}`);
  const repo = completionRunsRepo(db);
  const usage: Omit<UsageRecord, 'id'>[] = [];
  const prefs = new Map<string, string>();
  let ids = 0;
  const deps = {
    getApi: () => fake.api,
    repo: () => repo,
    recordUsage: async (entry: Omit<UsageRecord, 'id'>) => {
      usage.push(entry);
    },
    isDemoWorkspace: () => options.demo ?? false,
    workspaceId: () => 'ws',
    contextWindow: () => 1_000,
    costOf: (_e: string, m: Metrics) => ((m.promptTokens ?? 0) + (m.completionTokens ?? 0)) / 1_000,
    readPreference: (k: string) => prefs.get(k) ?? null,
    writePreference: (k: string, v: string | null) => (v === null ? prefs.delete(k) : prefs.set(k, v)),
    clock,
    saverTimers: immediateTimers,
    saveIntervalMs: 0,
    newId: () => `run-${++ids}`,
  };
  const store = createCompletionStore(deps);
  store.getState().setEndpoint('completions-model');
  const state = () => store.getState();
  /** Lets queued IndexedDB writes land. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
  };
  return { ...fake, store, state, frame, repo, db, usage, prefs, settle, deps };
}
