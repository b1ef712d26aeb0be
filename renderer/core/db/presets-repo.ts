import { getDatabase, type StudioDatabase } from './database';
import type { PresetRecord } from './records';

/** Saved system prompt + parameter presets. */
export function presetsRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every preset, by name (case-insensitive), as a menu shows them. */
    async list(): Promise<PresetRecord[]> {
      const presets = await db.presets.toArray();
      return presets.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    },
    /** Creates or replaces (same id) a preset; resolves to what was stored. */
    async save(preset: PresetRecord): Promise<PresetRecord> {
      await db.presets.put(preset);
      return preset;
    },
    remove: (id: string): Promise<void> => db.presets.delete(id),
  };
}

/** The repository's type, for stores that take it as a dependency. */
export type PresetsRepo = ReturnType<typeof presetsRepo>;
