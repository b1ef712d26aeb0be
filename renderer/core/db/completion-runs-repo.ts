import { getDatabase, type StudioDatabase } from './database';
import type { CompletionRunRecord } from './records';

export { newRecordId } from './conversations-repo';

/**
 * The Completion pane's history: one record per run (a raw prompt and its n completions).
 * A streaming run is saved as it grows, like a chat answer, so `put` replaces by id.
 */
export function completionRunsRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every run, most recently updated first. */
    list: (): Promise<CompletionRunRecord[]> => db.completionRuns.orderBy('updatedAt').reverse().toArray(),
    get: (id: string): Promise<CompletionRunRecord | undefined> => db.completionRuns.get(id),
    /** Creates or replaces (same id) a run. */
    async put(run: CompletionRunRecord): Promise<void> {
      await db.completionRuns.put(run);
    },
    remove: (id: string): Promise<void> => db.completionRuns.delete(id),
  };
}

/** The repository's type, for stores that take it as a dependency. */
export type CompletionRunsRepo = ReturnType<typeof completionRunsRepo>;
