import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { WorkspaceSummary } from '../../../shared/domain';
import { getStudioApi } from '../bridge';
import { useEndpointsStore } from './endpoints-store';
import { createImportStore } from './import-store';
import { connectActions, upsert } from './workspace-connect';
import { editActions } from './workspace-edit';
import { oauthActions } from './workspace-oauth';
import type { WorkspaceState } from './workspace-types';

/*
 * Workspaces: which exist, which is current, whether the OS keychain works, every way to
 * connect one, and editing one in place. Secrets typed into a form (token, client secret, API
 * key) pass through an action straight to the bridge and are never kept in this store (or
 * anywhere in the renderer): the privileged side checks them and puts them in the OS keychain.
 */

export type {
  ConnectInput,
  DuplicateChoice,
  EditorFocus,
  OAuthInput,
  OpenAiInput,
  PendingDuplicate,
  PendingOAuth,
  ServicePrincipalInput,
  UpdateInput,
  WorkspaceEditor,
  WorkspaceState,
} from './workspace-types';

/** Creates a workspace store over `api` (tests pass a double). */
export function createWorkspaceStore(api: () => StudioApi = getStudioApi) {
  return create<WorkspaceState>()((set, get) => {
    const { makeCurrent, ...connecting } = connectActions(api, set, get);
    const replace = (summary: WorkspaceSummary) =>
      set((s) => ({ workspaces: upsert(s.workspaces, summary) }));
    return {
      loaded: false,
      workspaces: [],
      currentId: null,
      keychainAvailable: false,
      loadError: null,
      startingDemo: false,
      checking: false,
      connectError: null,
      oauth: null,
      duplicate: null,
      editor: null,
      saving: false,
      editError: null,
      healthChecking: {},
      ...connecting,
      ...oauthActions(api, set, get, makeCurrent),
      ...editActions(api, set, get),

      async load(pending) {
        const result = await (pending ?? api().listWorkspaces());
        if (result.ok) {
          const { workspaces, currentId, keychainAvailable } = result.value;
          set({ loaded: true, workspaces, currentId, keychainAvailable, loadError: null });
        } else {
          set({ loaded: true, loadError: result.error });
        }
      },

      async chooseDemo() {
        set({ startingDemo: true });
        const result = await api().useDemoWorkspace();
        set({ startingDemo: false });
        if (result.ok) makeCurrent(result.value);
        else set({ loadError: result.error });
      },

      clearConnectError: () => set({ connectError: null }),

      async signOut(id) {
        const result = await api().signOut({ id });
        if (result.ok) replace(result.value);
        else set({ loadError: result.error });
      },

      async checkHealth(id) {
        set((s) => ({ healthChecking: { ...s.healthChecking, [id]: true } }));
        const result = await api().checkWorkspaceHealth({ id });
        set((s) => ({ healthChecking: { ...s.healthChecking, [id]: false } }));
        if (!result.ok) {
          set({ loadError: result.error });
          return null;
        }
        const health = result.value;
        set((s) => ({ workspaces: s.workspaces.map((w) => (w.id === id ? { ...w, health } : w)) }));
        // Reachable again: the current workspace's endpoints can be listed now.
        const endpoints = useEndpointsStore.getState();
        if (health.ok && id === get().currentId && endpoints.status === 'error')
          void endpoints.load(id, true);
        return health;
      },

      async select(id) {
        const result = await api().selectWorkspace({ id });
        if (result.ok) makeCurrent(result.value);
        else set({ loadError: result.error });
      },

      async remove(id) {
        const result = await api().removeWorkspace({ id });
        if (!result.ok) {
          set({ loadError: result.error });
          return;
        }
        // The privileged side decides what becomes current; ask it rather than guess.
        await get().load();
      },

      async addImported(results) {
        const saved = results.flatMap((r) => (r.workspace ? [r.workspace] : []));
        set((s) => ({ workspaces: saved.reduce(upsert, s.workspaces) }));
        // First run: the import is how the user connects, so the first CHECKED one becomes
        // current (through the bridge, so the choice is remembered). One that still needs a
        // sign-in never does: nothing unchecked becomes current.
        const first = results.find((r) => r.status === 'imported')?.workspace;
        if (first && get().currentId === null) await get().select(first.id);
      },
    };
  });
}

/** The app's workspace store. */
export const useWorkspaceStore = createWorkspaceStore();

/** The current workspace, or undefined (selector helper). */
export const selectCurrentWorkspace = (s: WorkspaceState): WorkspaceSummary | undefined =>
  s.workspaces.find((w) => w.id === s.currentId);

/** The app's import dialog store; imported workspaces join the workspace store, OAuth ones sign in through it. */
export const useImportStore = createImportStore({
  onImported: (results) => useWorkspaceStore.getState().addImported(results),
  signIn: (workspace) =>
    useWorkspaceStore
      .getState()
      .signInWithOAuth({ name: workspace.name, host: workspace.host, profileId: workspace.id }),
});
