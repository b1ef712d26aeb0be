import 'fake-indexeddb/auto';
import { completionRunsRepo } from '../../../../../renderer/core/db/completion-runs-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import type { UsageRecord } from '../../../../../renderer/core/db/records';
import type { SaverTimers } from '../../../../../renderer/core/db/throttled-saver';
import { createCompletionStore } from '../../../../../renderer/features/completion/create-completion-store';
import type { Metrics } from '../../../../../shared/domain';
import { type FakeStreamOptions, fakeStreamApi, manualClock } from '../../core/stream/fake-stream-api';

/* A completion store on the stream API double, a fake-indexeddb database and manual clocks. */

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
export function setup(options: FakeStreamOptions & { demo?: boolean } = {}) {
  const fake = fakeStreamApi(options);
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
