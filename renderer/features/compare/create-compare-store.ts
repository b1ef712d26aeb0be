import { create } from 'zustand';
import { withCommonDeps } from '../../core/store-deps';
import { createStreamGroup } from '../../core/stream/stream-client';
import { attachImages, removeDraftImage } from './compare-images';
import { MAX_PANES, MIN_PANES, movePane, newPane, type PaneState } from './compare-model';
import {
  freshComparison,
  loadSetup,
  openComparison,
  recalledComparisonId,
  recalledSetup,
  refreshLists,
  rememberComparison,
  rememberSetup,
  saveSetup,
  vote,
} from './compare-persist';
import { applyBatch, send, stopAll, stopPane, submitPaneResults } from './compare-run';
import type { CompareContext, CompareDeps, CompareState } from './compare-types';
import { sweepPanes } from './sweep';

export type { CompareDeps, CompareRepos, CompareState } from './compare-types';

/*
 * The comparison store, built by a factory so unit tests can give it a StudioApi double,
 * in-memory repositories and a manual frame clock. `compare-store.ts` creates the app's
 * instance. The turn logic lives in compare-run.ts, persistence in compare-persist.ts.
 */

/** Creates a compare store bound to `deps`. */
export function createCompareStore(input: CompareDeps) {
  const deps = withCommonDeps(input);
  return create<CompareState>()((set, get) => {
    const streams = createStreamGroup(deps.getApi, (events) => get().applyEvents(events), {
      clock: deps.clock,
    });
    const ctx: CompareContext = {
      set,
      get,
      deps,
      streams,
      session: { links: new Map(), streams: new Map() },
      now: deps.now,
      newId: deps.newId,
    };
    /** Changes the setup of the panes (never while they stream) and remembers it. */
    const editPanes = (change: (panes: PaneState[]) => PaneState[]) => {
      if (ctx.session.streams.size > 0) return;
      set((s) => ({ panes: change(s.panes) }));
      rememberSetup(ctx);
    };
    const editPane = (id: string, patch: Partial<PaneState>) =>
      editPanes((panes) => panes.map((p) => (p.id === id ? { ...p, ...patch } : p)));

    return {
      comparisonId: ctx.newId(),
      title: '',
      createdAt: ctx.now(),
      systemPrompt: '',
      sharedParams: {},
      panes: [newPane(ctx.newId(), null), newPane(ctx.newId(), null)],
      turns: [],
      draft: '',
      draftImages: [],
      attachError: null,
      blind: false,
      order: [],
      votes: [],
      notices: {},
      synthetic: false,
      setups: [],
      comparisons: [],
      error: null,
      initialised: false,

      async init() {
        if (get().initialised) return;
        const recalled = recalledSetup(ctx);
        set({
          initialised: true,
          ...(recalled ? { ...freshComparison(ctx, recalled), blind: recalled.blind } : {}),
        });
        // The last comparison comes back with its answers, as a chat does after a reload.
        const current = recalledComparisonId(ctx);
        if (current && !(await openComparison(ctx, current))) rememberComparison(ctx, null);
        await refreshLists(ctx);
      },
      setSystemPrompt(systemPrompt) {
        set({ systemPrompt });
        rememberSetup(ctx);
      },
      setSharedParams(sharedParams) {
        set({ sharedParams });
        rememberSetup(ctx);
      },
      setDraft: (draft) => set({ draft }),
      attachImages: (files) => attachImages(ctx, files),
      removeDraftImage: (id) => removeDraftImage(ctx, id),
      dismissAttachError: () => set({ attachError: null }),
      addPane: (endpoint) =>
        editPanes((panes) =>
          panes.length >= MAX_PANES ? panes : [...panes, newPane(ctx.newId(), endpoint)],
        ),
      removePane: (id) =>
        editPanes((panes) => (panes.length <= MIN_PANES ? panes : panes.filter((p) => p.id !== id))),
      movePane: (id, by) =>
        editPanes((panes) =>
          movePane(
            panes,
            panes.findIndex((p) => p.id === id),
            by,
          ),
        ),
      setPaneEndpoint: (id, endpoint) => editPane(id, { endpoint }),
      setPaneParams: (id, params) => editPane(id, { params }),
      setPaneInherit: (id, inheritParams) =>
        editPanes((panes) =>
          panes.map((p) =>
            // Leaving "inherit" starts from the shared parameters, so nothing changes until edited.
            p.id === id
              ? { ...p, inheritParams, params: inheritParams ? p.params : { ...get().sharedParams } }
              : p,
          ),
        ),
      applySweep(endpoint, param, values) {
        if (ctx.session.streams.size > 0) return;
        const panes = sweepPanes(endpoint, param, values, get().sharedParams, ctx.newId);
        set({ ...freshComparison(ctx, { ...get(), panes }) });
        rememberSetup(ctx);
        rememberComparison(ctx, null);
      },
      setBlind(blind) {
        set((s) => ({ blind, order: s.panes.map((p) => p.id) }));
        rememberSetup(ctx);
      },
      send: () => send(ctx),
      stopPane: (id) => stopPane(ctx, id),
      submitToolResults: (paneId, turn, results) => submitPaneResults(ctx, paneId, turn, results),
      stopAll: () => stopAll(ctx),
      vote: (paneId) => vote(ctx, paneId),
      newComparison() {
        if (ctx.session.streams.size > 0) return;
        set({ ...freshComparison(ctx, get()), draft: '' });
        rememberComparison(ctx, null);
      },
      saveSetup: (name) => saveSetup(ctx, name),
      loadSetup: (id) => loadSetup(ctx, id),
      async openComparison(id) {
        await openComparison(ctx, id);
      },
      applyEvents: (events) => applyBatch(ctx, events),
    };
  });
}
