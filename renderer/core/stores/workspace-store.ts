import { create } from 'zustand';
import type { RequestOf, StudioApi } from '../../../shared/contract';
import type { ConnectionHealth, WorkspaceSummary } from '../../../shared/domain';
import type { Result, StudioError } from '../../../shared/errors';
import { getStudioApi } from '../bridge';
import { createImportStore } from './import-store';

/*
 * Workspaces: which exist, which is current, whether the OS keychain works, and every way
 * to connect one. Secrets typed into a connect form (token, client secret, API key) pass
 * through an action straight to the bridge and are never kept in this store (or anywhere
 * in the renderer): the privileged side checks them and puts them in the OS keychain.
 */

/** What the personal-access-token form submits (the contract's request, never redefined). */
export type ConnectInput = RequestOf<'connectWorkspace'>;

/** What the service-principal form submits. */
export type ServicePrincipalInput = RequestOf<'connectServicePrincipal'>;

/** What the OpenAI-compatible form submits (the API key is optional). */
export type OpenAiInput = RequestOf<'connectOpenAiProvider'>;

/** What the OAuth form submits. */
export type OAuthInput = RequestOf<'startOAuthSignIn'>;

/** An OAuth sign-in waiting for the browser's redirect. */
export interface PendingOAuth {
  flowId: string;
  /** Shown as a link in case no browser opened. */
  authorizationUrl: string;
}

/** Workspace state and actions. */
export interface WorkspaceState {
  /** True once listWorkspaces has answered (ok or not): the app is ready. */
  loaded: boolean;
  workspaces: WorkspaceSummary[];
  currentId: string | null;
  keychainAvailable: boolean;
  /** Why the list (or a switch/remove/sign-out) failed, for a banner. */
  loadError: StudioError | null;
  /** True while the demo workspace is being started. */
  startingDemo: boolean;
  /** True while a connect's real check (or an OAuth sign-in) runs. */
  checking: boolean;
  connectError: StudioError | null;
  /** The OAuth sign-in in progress, if any. */
  oauth: PendingOAuth | null;
  /** Ids whose health check is running. */
  healthChecking: Record<string, boolean>;
  load(): Promise<void>;
  chooseDemo(): Promise<void>;
  /** Resolves true when connected; the caller must already have cleared its token field. */
  connect(input: ConnectInput): Promise<boolean>;
  /** Resolves true when connected; the caller must already have cleared its secret field. */
  connectServicePrincipal(input: ServicePrincipalInput): Promise<boolean>;
  /** Resolves true when connected; the caller must already have cleared its key field. */
  connectOpenAi(input: OpenAiInput): Promise<boolean>;
  /** Starts the browser sign-in and waits for it; resolves true when connected. */
  signInWithOAuth(input: OAuthInput): Promise<boolean>;
  /** Gives up on the pending sign-in (the loopback listener is closed). */
  cancelOAuth(): Promise<void>;
  /** Forgets the workspace's tokens but keeps it. */
  signOut(id: string): Promise<void>;
  /** Makes a cheap real call and records the answer on the workspace. */
  checkHealth(id: string): Promise<ConnectionHealth | null>;
  /** Forgets the last connect error (a form that opens starts clean). */
  clearConnectError(): void;
  select(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Adds (or replaces) imported workspaces; the first becomes current when none is. */
  addImported(summaries: WorkspaceSummary[]): Promise<void>;
}

type Set = (partial: Partial<WorkspaceState> | ((s: WorkspaceState) => Partial<WorkspaceState>)) => void;

/** Puts `summary` in the list, replacing one with the same id (order kept). */
function upsert(list: WorkspaceSummary[], summary: WorkspaceSummary): WorkspaceSummary[] {
  const at = list.findIndex((w) => w.id === summary.id);
  if (at < 0) return [...list, summary];
  return list.map((w, i) => (i === at ? summary : w));
}

/** The connect actions, all "one real check, then current" (kept apart so each stays small). */
function connectActions(api: () => StudioApi, set: Set, get: () => WorkspaceState) {
  const makeCurrent = (summary: WorkspaceSummary) =>
    set((s) => ({ currentId: summary.id, workspaces: upsert(s.workspaces, summary), loadError: null }));

  /** Runs one connect call; only one at a time, so a double submit can't connect twice. */
  const run = async (call: () => Promise<Result<WorkspaceSummary>>): Promise<boolean> => {
    if (get().checking) return false;
    set({ checking: true, connectError: null });
    const result = await call();
    set({ checking: false });
    if (!result.ok) {
      set({ connectError: result.error });
      return false;
    }
    makeCurrent(result.value);
    return true;
  };

  return {
    makeCurrent,
    connect: (input: ConnectInput) => run(() => api().connectWorkspace(input)),
    connectServicePrincipal: (input: ServicePrincipalInput) =>
      run(() => api().connectServicePrincipal(input)),
    connectOpenAi: ({ apiKey, ...rest }: OpenAiInput) =>
      // An empty key means "none": the server may be open (a local vLLM or Ollama).
      run(() => api().connectOpenAiProvider(apiKey?.trim() ? { ...rest, apiKey } : rest)),
    async signInWithOAuth(input: OAuthInput) {
      if (get().checking) return false;
      set({ checking: true, connectError: null });
      const started = await api().startOAuthSignIn(input);
      if (!started.ok) {
        set({ checking: false, connectError: started.error });
        return false;
      }
      const { flowId } = started.value;
      set({ oauth: started.value });
      const finished = await api().finishOAuthSignIn({ flowId });
      // Cancelled by the user meanwhile: their choice, not an error to show.
      const cancelled = get().oauth?.flowId !== flowId;
      set({ checking: false, ...(cancelled ? {} : { oauth: null }) });
      if (finished.ok) {
        makeCurrent(finished.value);
        return true;
      }
      if (!cancelled) set({ connectError: finished.error });
      return false;
    },
    async cancelOAuth() {
      const pending = get().oauth;
      if (!pending) return;
      set({ oauth: null });
      await api().cancelOAuthSignIn({ flowId: pending.flowId });
    },
  };
}

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
      healthChecking: {},
      ...connecting,

      async load() {
        const result = await api().listWorkspaces();
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

      async addImported(summaries) {
        set((s) => ({ workspaces: summaries.reduce(upsert, s.workspaces) }));
        // First run: the import is how the user connects, so the first one becomes current
        // (through the bridge, so the choice is remembered).
        const first = summaries[0];
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

/** The app's import dialog store; imported workspaces join the workspace store. */
export const useImportStore = createImportStore((imported) =>
  useWorkspaceStore.getState().addImported(imported),
);
