import type {
  CompareSetupRecord,
  ComparisonRecord,
  UsageRecord,
  VoteRecord,
} from '../../../../../renderer/core/db/records';
import type { FrameClock } from '../../../../../renderer/core/stream/frame-batcher';
import type { CompareRepos } from '../../../../../renderer/features/compare/compare-types';
import { createCompareStore } from '../../../../../renderer/features/compare/create-compare-store';
import type { RequestOf, StudioApi } from '../../../../../shared/contract';
import type { Metrics } from '../../../../../shared/domain';
import { fail, ok, type StudioError } from '../../../../../shared/errors';
import type { StreamEvent, StreamEventBody } from '../../../../../shared/stream-events';

/* A compare store on a StudioApi double, in-memory repositories and a manual frame clock. */

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
  options: { startErrors?: StartErrors; prefs?: Map<string, string>; startGate?: Promise<void> } = {},
) {
  let listener: ((e: StreamEvent) => void) | null = null;
  const chats: RequestOf<'startChat'>[] = [];
  const cancels: string[] = [];
  let streams = 0;
  const api = {
    onStreamEvent(l: (e: StreamEvent) => void) {
      listener = l;
      return () => undefined;
    },
    async startChat(request: RequestOf<'startChat'>) {
      chats.push(request);
      await options.startGate;
      const error = options.startErrors?.[request.endpoint];
      if (error) return fail(error.code, error.message, error);
      const id = `s${++streams}`;
      return ok({ streamId: id });
    },
    async cancelStream({ streamId }: { streamId: string }) {
      cancels.push(streamId);
      return ok({ cancelled: true });
    },
  } as unknown as StudioApi;
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
  const setups = memoryTable<CompareSetupRecord>();
  const comparisons = memoryTable<ComparisonRecord>();
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
  const prefs = options.prefs ?? new Map<string, string>();
  let ids = 0;
  const store = createCompareStore({
    getApi: () => api,
    repos: () => repos,
    recordUsage: async (entry) => void usage.push(entry),
    costOf: (endpoint, m) =>
      endpoint === 'free' ? null : ((m.promptTokens ?? 0) + (m.completionTokens ?? 0)) / 1_000,
    isDemoWorkspace: () => true,
    workspaceId: () => 'demo',
    readPreference: (k) => prefs.get(k) ?? null,
    writePreference: (k, v) => (v === null ? prefs.delete(k) : prefs.set(k, v)),
    clock,
    now: () => 1_000,
    newId: () => `id${++ids}`,
    random: () => 0,
  });
  const emit = (streamId: string, seq: number, body: StreamEventBody) =>
    listener?.({ ...body, streamId, seq } as StreamEvent);
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
    store,
    state,
    emit,
    frame,
    chats,
    cancels,
    usage,
    votes,
    setups,
    comparisons,
    prefs,
    setPanes,
    send,
    flush,
  };
}
