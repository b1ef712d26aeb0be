import { create } from 'zustand';
import type { WorkspaceSummary } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { getStudioApi } from '../../bridge';

/*
 * Workspaces: which exist, which is current, whether the OS keychain works. The token typed
 * into the connect form passes through `connect` straight to the bridge and is never kept
 * in this store (or anywhere in the renderer).
 */

/** What the connect form submits. */
export interface ConnectInput {
  name: string;
  host: string;
  token: string;
}

/** Workspace state and actions. */
export interface WorkspaceState {
  /** True once listWorkspaces has answered (ok or not): the app is ready. */
  loaded: boolean;
  workspaces: WorkspaceSummary[];
  currentId: string | null;
  keychainAvailable: boolean;
  /** Why the list (or a switch/remove) failed, for a banner. */
  loadError: StudioError | null;
  /** True while the demo workspace is being started. */
  startingDemo: boolean;
  /** True while connect's real check runs. */
  checking: boolean;
  connectError: StudioError | null;
  load(): Promise<void>;
  chooseDemo(): Promise<void>;
  /** Resolves true when connected; the caller must already have cleared its token field. */
  connect(input: ConnectInput): Promise<boolean>;
  /** Forgets the last connect error (a form that opens starts clean). */
  clearConnectError(): void;
  select(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The app's workspace store. */
export const useWorkspaceStore = create<WorkspaceState>()((set, get) => {
  /** Puts `summary` in the list (replacing one with the same id) and makes it current. */
  const makeCurrent = (summary: WorkspaceSummary) =>
    set((s) => ({
      currentId: summary.id,
      workspaces: [...s.workspaces.filter((w) => w.id !== summary.id), summary],
      loadError: null,
    }));

  return {
    loaded: false,
    workspaces: [],
    currentId: null,
    keychainAvailable: false,
    loadError: null,
    startingDemo: false,
    checking: false,
    connectError: null,

    async load() {
      const result = await getStudioApi().listWorkspaces();
      if (result.ok) {
        const { workspaces, currentId, keychainAvailable } = result.value;
        set({ loaded: true, workspaces, currentId, keychainAvailable, loadError: null });
      } else {
        set({ loaded: true, loadError: result.error });
      }
    },

    async chooseDemo() {
      set({ startingDemo: true });
      const result = await getStudioApi().useDemoWorkspace();
      set({ startingDemo: false });
      if (result.ok) makeCurrent(result.value);
      else set({ loadError: result.error });
    },

    async connect(input) {
      if (get().checking) return false;
      set({ checking: true, connectError: null });
      const result = await getStudioApi().connectWorkspace(input);
      set({ checking: false });
      if (!result.ok) {
        set({ connectError: result.error });
        return false;
      }
      makeCurrent(result.value);
      return true;
    },

    clearConnectError: () => set({ connectError: null }),

    async select(id) {
      const result = await getStudioApi().selectWorkspace({ id });
      if (result.ok) makeCurrent(result.value);
      else set({ loadError: result.error });
    },

    async remove(id) {
      const result = await getStudioApi().removeWorkspace({ id });
      if (!result.ok) {
        set({ loadError: result.error });
        return;
      }
      // The privileged side decides what becomes current; ask it rather than guess.
      await get().load();
    },
  };
});

/** The current workspace, or undefined (selector helper). */
export const selectCurrentWorkspace = (s: WorkspaceState): WorkspaceSummary | undefined =>
  s.workspaces.find((w) => w.id === s.currentId);
