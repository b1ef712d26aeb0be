import type {
  CompareSetupRecord,
  ComparisonRecord,
  UsageRecord,
  VoteRecord,
} from '../../../../../renderer/core/db/records';
import type { CompareRepos } from '../../../../../renderer/features/compare/compare-types';
import { createCompareStore } from '../../../../../renderer/features/compare/create-compare-store';
import type { Metrics } from '../../../../../shared/domain';
import type { StudioError } from '../../../../../shared/errors';
import { fakeStreamApi, manualClock } from '../../core/stream/fake-stream-api';

/* A compare store on the stream API double, in-memory repositories and a manual frame clock. */

export const metrics = (patch: Partial<Metrics> = {}): Metrics => ({
  startedAt: 0,
  firstByteMs: 5,
  ttftMs: 10,
  totalMs: 100,
  tokensPerSec: 50,
  promptTokens: 3,
  completionTokens: 4,
  usageReported: true,
  retries: 0,
  ...patch,
});

/** Errors startChat returns per endpoint (every time). */
export type StartErrors = Record<string, StudioError>;

function memoryTable<T extends { id: string }>() {
  const rows = new Map<string, T>();
  return {
    rows,
    list: async () => [...rows.values()].reverse(),
    get: async (id: string) => rows.get(id),
    put: async (r: T) => void rows.set(r.id, structuredClone(r)),
    remove: async (id: string) => void rows.delete(id),
  };
}

/** Everything a test needs. */
export function setup(
  options: {
    startErrors?: StartErrors;
    prefs?: Map<string, string>;
    startGate?: Promise<void>;
    /** Saved comparisons shared with an earlier store (a reload). */
    comparisons?: ReturnType<typeof memoryTable<ComparisonRecord>>;
  } = {},
) {
  const fake = fakeStreamApi({ errorsByEndpoint: options.startErrors, startGate: options.startGate });
  const { clock, frame } = manualClock();
  const setups = memoryTable<CompareSetupRecord>();
  const comparisons = options.comparisons ?? memoryTable<ComparisonRecord>();
  const votes: VoteRecord[] = [];
  const repos: CompareRepos = {
    setups,
    comparisons,
    votes: {
      add: async (v) => {
        const record = { ...v, id: `v${votes.length + 1}` };
        votes.push(record);
        return record;
      },
      list: async () => [...votes],
    },
  };
  const usage: Omit<UsageRecord, 'id'>[] = [];
  /** Endpoints the store reported gone (the server's 404), with the error. */
  const gone: [string, StudioError][] = [];
  const prefs = options.prefs ?? new Map<string, string>();
  let ids = 0;
  const store = createCompareStore({
    getApi: () => fake.api,
    repos: () => repos,
    recordUsage: async (entry) => void usage.push(entry),
    costOf: (endpoint, m) =>
      endpoint === 'free' ? null : ((m.promptTokens ?? 0) + (m.completionTokens ?? 0)) / 1_000,
    isDemoWorkspace: () => true,
    workspaceId: () => 'demo',
    onEndpointGone: (name, error) => void gone.push([name, error]),
    readPreference: (k) => prefs.get(k) ?? null,
    writePreference: (k, v) => (v === null ? prefs.delete(k) : prefs.set(k, v)),
    clock,
    now: () => 1_000,
    newId: () => `id${++ids}`,
    random: () => 0,
  });
  const state = () => store.getState();
  /** Sets the panes' endpoints (adding panes as needed). */
  const setPanes = (endpoints: string[]) => {
    while (state().panes.length < endpoints.length) state().addPane(null);
    state().panes.forEach((p, i) => {
      state().setPaneEndpoint(p.id, endpoints[i] ?? 'x');
    });
  };
  const send = async (text: string) => {
    state().setDraft(text);
    await state().send();
  };
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    ...fake,
    store,
    state,
    frame,
    usage,
    gone,
    votes,
    setups,
    comparisons,
    prefs,
    setPanes,
    send,
    flush,
  };
}
