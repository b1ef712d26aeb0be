import { create } from 'zustand';
import type { GenerationParams } from '../../../shared/domain';
import { keptParams } from '../../../shared/request-body';
import { type PresetsRepo, presetsRepo } from '../db/presets-repo';
import type { PresetRecord } from '../db/records';

/*
 * Saved presets (a system prompt + parameters). A factory, so tests can give it a repository
 * on a throwaway database; `usePresetsStore` is the app's instance on the app database.
 */

/** Presets state and actions. */
export interface PresetsState {
  presets: PresetRecord[];
  loaded: boolean;
  /** Why the last load/save/remove failed, for an inline message. */
  error: string | null;
  load(): Promise<void>;
  /**
   * Saves under `name` (trimmed). A preset with the same name (ignoring case) is replaced,
   * keeping its id, so "Save" twice does not make duplicates. Resolves to the saved preset.
   */
  save(name: string, systemPrompt: string, params: GenerationParams): Promise<PresetRecord | null>;
  remove(id: string): Promise<void>;
}

/** Creates a presets store over `repo`; `now` and `newId` are injectable for tests. */
export function createPresetsStore(
  repo: () => PresetsRepo,
  now: () => number = Date.now,
  newId: () => string = () => crypto.randomUUID(),
) {
  return create<PresetsState>()((set, get) => {
    /** Runs a repository call, then reloads the list; a failure becomes `error`. */
    async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | null> {
      try {
        const result = await run();
        set({ presets: await repo().list(), loaded: true, error: null });
        return result;
      } catch (err) {
        set({ error: `Could not ${what}: ${err instanceof Error ? err.message : String(err)}` });
        return null;
      }
    }

    return {
      presets: [],
      loaded: false,
      error: null,

      load: async () => {
        await attempt('load presets', async () => undefined);
      },

      async save(name, systemPrompt, params) {
        const trimmed = name.trim();
        if (!trimmed) {
          set({ error: 'Give the preset a name.' });
          return null;
        }
        const same = get().presets.find(
          (p) => p.name.localeCompare(trimmed, undefined, { sensitivity: 'base' }) === 0,
        );
        const time = now();
        const preset: PresetRecord = {
          id: same?.id ?? newId(),
          name: trimmed,
          systemPrompt,
          // Only set parameters (and the Stream switch when off) are kept: a preset restores
          // "unset" as unset.
          params: keptParams(params),
          createdAt: same?.createdAt ?? time,
          updatedAt: time,
        };
        return attempt('save the preset', () => repo().save(preset));
      },

      remove: async (id) => {
        await attempt('delete the preset', () => repo().remove(id));
      },
    };
  });
}

/** The app's presets store. */
export const usePresetsStore = createPresetsStore(() => presetsRepo());
