import { newRecordId } from './conversations-repo';
import { getDatabase, type StudioDatabase } from './database';
import type { CompareSetupRecord, ComparisonRecord, VoteRecord } from './records';

export { newRecordId } from './conversations-repo';

/** Reusable comparison setups (endpoints and parameters, no outputs). */
export function compareSetupsRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every setup, most recently updated first. */
    list: (): Promise<CompareSetupRecord[]> => db.compareSetups.orderBy('updatedAt').reverse().toArray(),
    get: (id: string): Promise<CompareSetupRecord | undefined> => db.compareSetups.get(id),
    /** Creates or replaces (same id) a setup. */
    async put(setup: CompareSetupRecord): Promise<void> {
      await db.compareSetups.put(setup);
    },
    remove: (id: string): Promise<void> => db.compareSetups.delete(id),
  };
}

/**
 * Saved comparisons (setup, turns and every pane's answers). Removing one keeps its votes:
 * a vote is a judgement already made, and the leaderboard should not shift because a
 * comparison was tidied away. `votesRepo().removeForComparison` drops them when wanted.
 */
export function comparisonsRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every comparison, most recently updated first. */
    list: (): Promise<ComparisonRecord[]> => db.comparisons.orderBy('updatedAt').reverse().toArray(),
    get: (id: string): Promise<ComparisonRecord | undefined> => db.comparisons.get(id),
    /** Creates or replaces (same id) a comparison; a streaming comparison is saved as it grows. */
    async put(comparison: ComparisonRecord): Promise<void> {
      await db.comparisons.put(comparison);
    },
    remove: (id: string): Promise<void> => db.comparisons.delete(id),
  };
}

/** Blind-mode votes, for the leaderboard. */
export function votesRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Stores a vote (a new id unless one is given); resolves to what was stored. */
    async add(vote: Omit<VoteRecord, 'id'> & { id?: string }): Promise<VoteRecord> {
      const record: VoteRecord = { ...vote, id: vote.id ?? newRecordId() };
      await db.votes.put(record);
      return record;
    },
    /** Every vote, oldest first. */
    list: (): Promise<VoteRecord[]> => db.votes.orderBy('at').toArray(),
    /** One comparison's votes, oldest first. */
    async forComparison(comparisonId: string): Promise<VoteRecord[]> {
      const votes = await db.votes.where('comparisonId').equals(comparisonId).toArray();
      return votes.sort((a, b) => a.at - b.at);
    },
    /** Deletes one comparison's votes; resolves to how many were deleted. */
    removeForComparison: (comparisonId: string): Promise<number> =>
      db.votes.where('comparisonId').equals(comparisonId).delete(),
  };
}

/** The repositories' types, for stores that take them as dependencies. */
export type CompareSetupsRepo = ReturnType<typeof compareSetupsRepo>;
export type ComparisonsRepo = ReturnType<typeof comparisonsRepo>;
export type VotesRepo = ReturnType<typeof votesRepo>;
