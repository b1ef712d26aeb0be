import 'fake-indexeddb/auto';
import { conversationsRepo } from '../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import type { MessageRecord } from '../../../../../renderer/core/db/records';
import type { SaverTimers } from '../../../../../renderer/core/db/throttled-saver';
import type { UsageEntry } from '../../../../../renderer/core/db/usage-repo';
import { createChatStore } from '../../../../../renderer/features/chat/create-chat-store';
import type { Endpoint, Metrics } from '../../../../../shared/domain';
import type { StudioError } from '../../../../../shared/errors';
import { type FakeStreamOptions, fakeStreamApi, manualClock } from '../../core/stream/fake-stream-api';

/* A chat store on the stream API double, a fake-indexeddb database and manual clocks. */

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

/** Timers that only fire when the test advances them. */
export function manualTimers() {
  let now = 1_000;
  let pending: { at: number; cb: () => void; id: number }[] = [];
  let ids = 0;
  const timers: SaverTimers = {
    setTimeout(cb, ms) {
      const id = ++ids;
      pending.push({ at: now + ms, cb, id });
      return id;
    },
    clearTimeout(handle) {
      pending = pending.filter((p) => p.id !== handle);
    },
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
    const due = pending.filter((p) => p.at <= now);
    pending = pending.filter((p) => p.at > now);
    for (const p of due) p.cb();
  };
  return { timers, advance };
}

let dbCount = 0;

const ENDPOINTS: Record<string, Partial<Endpoint>> = {
  'chat-model': { contextWindow: 1_000 },
  'big-model': { contextWindow: 100_000 },
};

/** Everything a test needs: the store, its database, the API double and the clocks. */
export function setup(
  options: FakeStreamOptions & {
    demo?: boolean;
    saveIntervalMs?: number;
    /** Endpoints that are gone, with the reason the picker gives. */
    missing?: Record<string, string>;
  } = {},
) {
  const fake = fakeStreamApi(options);
  const { clock, frame } = manualClock();
  const saver = manualTimers();
  const db = openStudioDatabase(`chat-test-${++dbCount}-${Date.now()}`);
  const repo = conversationsRepo(db);
  const prefs = new Map<string, string>();
  const clipboard: string[] = [];
  const usage: UsageEntry[] = [];
  /** Endpoints the store reported gone (the server's 404), with the error. */
  const gone: [string, StudioError][] = [];
  const store = createChatStore({
    getApi: () => fake.api,
    repo: () => repo,
    isDemoWorkspace: () => options.demo ?? false,
    endpointInfo: (name) =>
      ENDPOINTS[name] ? ({ name, taskKind: 'chat', ...ENDPOINTS[name] } as Endpoint) : undefined,
    missingReason: (name) => options.missing?.[name] ?? null,
    onEndpointGone: (name, error) => void gone.push([name, error]),
    costOf: (_endpoint, m) => ((m.promptTokens ?? 0) + (m.completionTokens ?? 0)) / 1_000,
    recordUsage: (entry) => usage.push(entry),
    writeClipboard: async (text) => {
      clipboard.push(text);
    },
    readPreference: (k) => prefs.get(k) ?? null,
    writePreference: (k, v) => (v === null ? prefs.delete(k) : prefs.set(k, v)),
    clock,
    saverTimers: saver.timers,
    saveIntervalMs: options.saveIntervalMs ?? 0,
  });
  store.getState().setEndpoint('chat-model');
  const state = () => store.getState();
  const thread = (): MessageRecord[] => state().thread.flatMap((id) => state().messages[id] ?? []);
  const last = (): MessageRecord => thread().at(-1) as MessageRecord;
  const send = async (text: string) => {
    state().setDraft(text);
    await state().send();
  };
  /** Streams a whole answer into the `n`th stream started (1 = the first) and applies it. */
  const answer = (n: number, text: string, finish = 'stop') => {
    const streamId = fake.id(n);
    fake.emit(streamId, 0, { type: 'start', model: 'm' });
    fake.emit(streamId, 1, { type: 'delta', index: 0, text });
    fake.emit(streamId, 2, { type: 'done', finishReasons: [finish], metrics: METRICS });
    frame();
  };
  /** Lets queued IndexedDB writes land. */
  const settle = async () => {
    saver.advance(10_000);
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
  };
  return {
    ...fake,
    store,
    state,
    frame,
    thread,
    last,
    send,
    answer,
    settle,
    repo,
    db,
    prefs,
    clipboard,
    saver,
    usage,
    gone,
  };
}
