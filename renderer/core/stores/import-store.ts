import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { ImportableProfile, WorkspaceSummary } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { ImportResult } from '../../../shared/workspace-schemas';
import { getStudioApi } from '../bridge';

/*
 * Importing profiles from ~/.databrickscfg (or DATABRICKS_CONFIG_FILE) and DATABRICKS_*
 * variables. Only names, hosts and "a secret is present" cross the bridge: the secrets
 * themselves go from the file to the keychain on the privileged side. Every ticked profile
 * gets a result; one that needs a browser sign-in (OAuth, databricks-cli) can do it from here.
 */

/** What the import store asks of the rest of the app. */
export interface ImportHooks {
  /** The results' workspaces join the workspace list (a checked one may become current). */
  onImported(results: ImportResult[]): Promise<void> | void;
  /** Runs the browser sign-in for a saved OAuth workspace; resolves true when signed in. */
  signIn(workspace: WorkspaceSummary): Promise<boolean>;
}

/** Import dialog state and actions. */
export interface ImportState {
  open: boolean;
  loading: boolean;
  importing: boolean;
  configPath: string | null;
  profiles: ImportableProfile[];
  /** Ids the user ticked. */
  selected: string[];
  error: StudioError | null;
  /** One per ticked profile, in order, once imported. */
  results: ImportResult[] | null;
  /** The result whose sign-in is running. */
  signingIn: string | null;
  /** Opens the dialog and reads what can be imported. */
  start(): Promise<void>;
  toggle(id: string): void;
  /** Imports the ticked profiles; resolves with the results (null on a failed call). */
  importSelected(): Promise<ImportResult[] | null>;
  /** Signs in the workspace of a `needs-sign-in` result; it becomes `imported` when that works. */
  signIn(resultId: string): Promise<void>;
  close(): void;
}

/** Whether a profile can be ticked: it has no problems (the privileged side lists what import would refuse). */
export const isImportable = (p: ImportableProfile): boolean => p.problems.length === 0;

/** Creates an import store over `api`. */
export function createImportStore(hooks: ImportHooks, api: () => StudioApi = getStudioApi) {
  return create<ImportState>()((set, get) => ({
    open: false,
    loading: false,
    importing: false,
    configPath: null,
    profiles: [],
    selected: [],
    error: null,
    results: null,
    signingIn: null,

    async start() {
      set({ open: true, loading: true, error: null, results: null, profiles: [], selected: [] });
      const result = await api().listImportableProfiles();
      if (!result.ok) {
        set({ loading: false, error: result.error });
        return;
      }
      const { configPath, profiles } = result.value;
      // The default profile is pre-ticked when it can be imported: the common case is one click.
      const selected = profiles.filter((p) => p.isDefault && isImportable(p)).map((p) => p.id);
      set({ loading: false, configPath, profiles, selected });
    },

    toggle(id) {
      const profile = get().profiles.find((p) => p.id === id);
      if (!profile || !isImportable(profile)) return;
      set((s) => ({
        selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id],
      }));
    },

    async importSelected() {
      const ids = get().selected;
      if (get().importing || ids.length === 0) return null;
      set({ importing: true, error: null });
      const result = await api().importProfiles({ ids });
      set({ importing: false });
      if (!result.ok) {
        set({ error: result.error });
        return null;
      }
      const { results } = result.value;
      set({ results, selected: [] });
      await hooks.onImported(results);
      return results;
    },

    async signIn(resultId) {
      const target = get().results?.find((r) => r.id === resultId);
      if (!target?.workspace || target.status !== 'needs-sign-in' || get().signingIn) return;
      set({ signingIn: resultId });
      const signedIn = await hooks.signIn(target.workspace);
      set((s) => ({
        signingIn: null,
        results: signedIn
          ? (s.results ?? []).map((r) =>
              r.id === resultId
                ? { ...r, status: 'imported' as const, message: 'Signed in and checked.' }
                : r,
            )
          : s.results,
      }));
    },

    close: () => set({ open: false, results: null, error: null }),
  }));
}
