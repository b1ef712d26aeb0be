import { create } from 'zustand';
import type { Endpoint } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { getStudioApi } from '../bridge';

/*
 * The current workspace's serving endpoints. Read by the Endpoints pane and by the chat's
 * endpoint picker, so the list is fetched once per workspace, not once per pane.
 */

export type EndpointsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Endpoint list state and actions. */
export interface EndpointsState {
  endpoints: Endpoint[];
  status: EndpointsStatus;
  error: StudioError | null;
  /** The workspace the list belongs to; a different current workspace means reload. */
  workspaceId: string | null;
  /** Loads the list for `workspaceId` unless it is already loaded or loading (or `force`). */
  load(workspaceId: string, force?: boolean): Promise<void>;
  /**
   * Puts a freshly observed endpoint into the list (replacing one of the same name), so a row
   * follows a lifecycle operation between reloads; ignored for another workspace's list.
   */
  observe(workspaceId: string, endpoint: Endpoint): void;
}

/** The app's endpoints store. */
export const useEndpointsStore = create<EndpointsState>()((set, get) => {
  let request = 0;
  return {
    endpoints: [],
    status: 'idle',
    error: null,
    workspaceId: null,

    async load(workspaceId, force = false) {
      const s = get();
      if (!force && s.workspaceId === workspaceId && s.status !== 'idle' && s.status !== 'error') return;
      const mine = ++request;
      const sameWorkspace = s.workspaceId === workspaceId;
      set({
        status: 'loading',
        error: null,
        workspaceId,
        endpoints: sameWorkspace ? s.endpoints : [],
      });
      const result = await getStudioApi().listEndpoints();
      // A newer load (another workspace, another refresh) wins over this one.
      if (mine !== request) return;
      if (result.ok) set({ status: 'ready', endpoints: result.value.endpoints });
      else set({ status: 'error', error: result.error });
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
