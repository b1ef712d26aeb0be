import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { Endpoint } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { getStudioApi } from '../bridge';

/*
 * The current workspace's serving endpoints. Read by the Endpoints pane and by the chat's
 * endpoint picker, so the list is fetched once per workspace, not once per pane.
 */

export type EndpointsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** An answer of the bridge's `listEndpoints`. */
export type EndpointsAnswer = ReturnType<StudioApi['listEndpoints']>;

/** Endpoint list state and actions. */
export interface EndpointsState {
  endpoints: Endpoint[];
  status: EndpointsStatus;
  error: StudioError | null;
  /** The workspace the list belongs to; a different current workspace means reload. */
  workspaceId: string | null;
  /**
   * Loads the list for `workspaceId` unless it is already loaded or loading (or `force`).
   * `pending` is an answer to `listEndpoints` already asked for (at start, core/boot.ts),
   * taken instead of asking again.
   */
  load(workspaceId: string, force?: boolean, pending?: EndpointsAnswer): Promise<void>;
  /**
   * Puts a freshly observed endpoint into the list (replacing one of the same name), so a row
   * follows a lifecycle operation between reloads; ignored for another workspace's list.
   */
  observe(workspaceId: string, endpoint: Endpoint): void;
  /**
   * Endpoints of this list's workspace that the server said are gone (a 404, a retired model),
   * with its error: panes show them as missing, in the server's words, instead of replacing
   * them. Cleared when the list is loaded again (for another workspace, or on refresh).
   */
  gone: Record<string, StudioError>;
  /** Remembers the server's NOT_FOUND answer about `name` (other errors are not "gone"). */
  markGone(name: string, error: StudioError): void;
  /**
   * Asks the server once about `name`, an endpoint a pane remembers but the list lacks: a 404
   * becomes its reason in `gone` (the server's own words); found after all, it joins the list.
   */
  explainMissing(name: string): Promise<void>;
}

/** The app's endpoints store. */
export const useEndpointsStore = create<EndpointsState>()((set, get) => {
  let request = 0;
  /** Names already asked about for the current list (one lookup each). */
  let asked = new Set<string>();
  return {
    endpoints: [],
    status: 'idle',
    error: null,
    workspaceId: null,
    gone: {},

    async load(workspaceId, force = false, pending) {
      const s = get();
      if (!force && s.workspaceId === workspaceId && s.status !== 'idle' && s.status !== 'error') return;
      const mine = ++request;
      const sameWorkspace = s.workspaceId === workspaceId;
      asked = new Set();
      set({
        status: 'loading',
        error: null,
        workspaceId,
        endpoints: sameWorkspace ? s.endpoints : [],
        gone: {},
      });
      const result = await (pending ?? getStudioApi().listEndpoints());
      // A newer load (another workspace, another refresh) wins over this one.
      if (mine !== request) return;
      if (result.ok) set({ status: 'ready', endpoints: result.value.endpoints });
      else set({ status: 'error', error: result.error });
    },

    markGone(name, error) {
      if (error.code !== 'NOT_FOUND') return;
      set((s) => ({ gone: { ...s.gone, [name]: error } }));
    },

    async explainMissing(name) {
      const { workspaceId, status } = get();
      if (!workspaceId || status !== 'ready' || asked.has(name)) return;
      asked.add(name);
      const result = await getStudioApi().getEndpoint({ name });
      // The answer is about the list it was asked for: not one loaded since.
      if (get().workspaceId !== workspaceId || !asked.has(name)) return;
      if (result.ok) get().observe(workspaceId, result.value);
      else get().markGone(name, result.error);
    },

    observe(workspaceId, endpoint) {
      const s = get();
      if (s.workspaceId !== workspaceId) return;
      const known = s.endpoints.some((e) => e.name === endpoint.name);
      set({
        endpoints: known
          ? s.endpoints.map((e) => (e.name === endpoint.name ? endpoint : e))
          : [...s.endpoints, endpoint],
      });
    },
  };
});
