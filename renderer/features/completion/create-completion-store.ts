import { create } from 'zustand';
import type { GenerationParams } from '../../../shared/domain';
import type { CompletionRunRecord } from '../../core/db/records';
import { createThrottledSaver } from '../../core/db/throttled-saver';
import { withCommonDeps } from '../../core/store-deps';
import { createStreamGroup } from '../../core/stream/stream-client';
import { applyBatch, send, stop } from './completion-run';
import type { CompletionContext, CompletionState, CompletionStoreDeps } from './completion-types';
import { checkStop } from './stop-check-action';

export type { CompletionState, CompletionStoreDeps, RunsRepo } from './completion-types';

/*
 * The completion store, built by a factory so unit tests can give it a StudioApi double, a
 * fake-indexeddb repository and manual clocks; `completion-store.ts` binds the app's
 * instance. The draft (endpoint, prompt, parameters) is kept as a preference so a reload
 * never loses a prompt; runs live in IndexedDB.
 */

const PREF_ENDPOINT = 'completion.endpoint';
const PREF_PROMPT = 'completion.prompt';
const PREF_PARAMS = 'completion.params';
/** Prompts bigger than this are not kept as a preference (localStorage is small). */
const MAX_SAVED_PROMPT = 200_000;

function parseParams(raw: string | null): GenerationParams {
  try {
    const value: unknown = raw ? JSON.parse(raw) : {};
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as GenerationParams) : {};
  } catch {
    return {};
  }
}

/** A run saved while streaming, found after a reload: its stream is gone. */
const revived = (run: CompletionRunRecord): CompletionRunRecord =>
  run.status === 'streaming' ? { ...run, status: 'interrupted' } : run;

/** Creates a completion store bound to `deps`. */
export function createCompletionStore(input: CompletionStoreDeps) {
  const deps = withCommonDeps(input);
  const read = deps.readPreference;
  const write = deps.writePreference;
  return create<CompletionState>()((set, get) => {
    const streams = createStreamGroup(deps.getApi, (events) => get().applyEvents(events), {
      clock: deps.clock,
    });
    const saver = createThrottledSaver<CompletionRunRecord>(
      async (runs) => {
        for (const run of runs) await deps.repo().put(run);
      },
      deps.saveIntervalMs,
      deps.saverTimers,
    );
    const ctx: CompletionContext = {
      set,
      get,
      deps,
      streams,
      saver,
      session: { stream: null, link: null, lastNow: 0 },
    };

    return {
      endpoint: read(PREF_ENDPOINT),
      prompt: read(PREF_PROMPT) ?? '',
      params: parseParams(read(PREF_PARAMS)),
      run: null,
      selectedChoice: 0,
      streaming: false,
      retryNotice: null,
      failure: null,
      runs: [],
      historyStatus: 'idle',
      historyError: null,
      stopChecks: {},

      setEndpoint(endpoint) {
        set({ endpoint });
        write(PREF_ENDPOINT, endpoint);
      },
      setPrompt(prompt) {
        set({ prompt });
        write(PREF_PROMPT, prompt.length <= MAX_SAVED_PROMPT ? prompt : null);
      },
      setParams(params) {
        set({ params });
        write(PREF_PARAMS, JSON.stringify(params));
      },
      selectChoice(index) {
        const count = get().run?.choices.length ?? 0;
        if (index >= 0 && index < count) set({ selectedChoice: index });
      },
      send: () => send(ctx),
      stop: () => stop(ctx),
      append() {
        const s = get();
        const text = s.run?.choices[s.selectedChoice]?.text ?? '';
        if (s.streaming || text.length === 0) return;
        get().setPrompt(s.prompt + text);
      },
      async loadHistory() {
        if (get().historyStatus === 'loading') return;
        set({ historyStatus: 'loading', historyError: null });
        try {
          const runs = (await deps.repo().list()).map(revived).sort((a, b) => b.createdAt - a.createdAt);
          // A run streaming right now is newer than what the database holds.
          const live = get().streaming ? get().run : null;
          const merged = live ? [live, ...runs.filter((r) => r.id !== live.id)] : runs;
          // After a restart the latest run is back on screen (its prompt stays in the editor's draft).
          set((st) => ({ runs: merged, historyStatus: 'ready', run: st.run ?? merged[0] ?? null }));
        } catch (cause) {
          const message = cause instanceof Error ? cause.message : String(cause);
          set({ historyStatus: 'error', historyError: `Could not load the saved runs: ${message}` });
        }
      },
      async openRun(id) {
        if (get().streaming) return;
        const run = get().runs.find((r) => r.id === id) ?? (await deps.repo().get(id));
        if (!run) return;
        const shown = revived(run);
        set({ run: shown, selectedChoice: 0, failure: null });
        get().setEndpoint(shown.endpoint);
        get().setPrompt(shown.prompt);
        get().setParams(shown.params);
      },
      async removeRun(id) {
        const s = get();
        if (s.streaming && s.run?.id === id) return;
        await deps.repo().remove(id);
        set((st) => ({ runs: st.runs.filter((r) => r.id !== id), run: st.run?.id === id ? null : st.run }));
      },
      dismissFailure: () => set({ failure: null }),
      checkStop: (index) => checkStop(ctx, index),
      applyEvents: (events) => applyBatch(ctx, events),
    };
  });
}
