import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { ImportableProfile, WorkspaceSummary } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { getStudioApi } from '../bridge';

/*
 * Importing profiles from ~/.databrickscfg (or DATABRICKS_CONFIG_FILE) and DATABRICKS_*
 * variables. Only names, hosts and "a secret is present" cross the bridge: the secrets
 * themselves go from the file to the keychain on the privileged side.
 */

/** One import's outcome. */
export interface ImportResults {
  imported: WorkspaceSummary[];
  failed: { id: string; message: string }[];
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
  results: ImportResults | null;
  /** Opens the dialog and reads what can be imported. */
  start(): Promise<void>;
  toggle(id: string): void;
  /** Imports the ticked profiles; resolves with the results (null on a failed call). */
  importSelected(): Promise<ImportResults | null>;
  close(): void;
}

/** Whether a profile can be ticked: it has no problems. */
export const isImportable = (p: ImportableProfile): boolean => p.problems.length === 0;

/** Creates an import store over `api`; `onImported` receives what was imported. */
export function createImportStore(
  onImported: (imported: WorkspaceSummary[]) => Promise<void> | void,
  api: () => StudioApi = getStudioApi,
) {
  return create<ImportState>()((set, get) => ({
    open: false,
    loading: false,
    importing: false,
    configPath: null,
    profiles: [],
    selected: [],
    error: null,
    results: null,

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
      set({ results: result.value, selected: [] });
      await onImported(result.value.imported);
      return result.value;
    },

    close: () => set({ open: false, results: null, error: null }),
  }));
}
