import { getDatabase, type StudioDatabase } from './database';
import type { EvalDatasetRecord, EvalResultRecord, EvalRowRecord, EvalRunRecord } from './eval-records';

/*
 * The Evaluate view's storage: datasets with their rows, runs and their results. Rows and
 * results are written in chunks inside one transaction (a 100,000-row import is one
 * all-or-nothing write that never holds one huge request).
 */

/** Rows written per bulk request. */
const CHUNK = 5_000;

/** The bounds of a dataset's row indexes in the compound key. */
const ROW_MIN = Number.NEGATIVE_INFINITY;
const ROW_MAX = Number.POSITIVE_INFINITY;

/** Datasets and their rows. */
export function evalDatasetsRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every dataset, newest first. */
    list: (): Promise<EvalDatasetRecord[]> => db.evalDatasets.orderBy('createdAt').reverse().toArray(),
    get: (id: string): Promise<EvalDatasetRecord | undefined> => db.evalDatasets.get(id),
    /** Stores a dataset and its rows (values by column, in order), all or nothing. */
    async add(dataset: EvalDatasetRecord, rows: readonly Record<string, string>[]): Promise<void> {
      await db.transaction('rw', db.evalDatasets, db.evalRows, async () => {
        await db.evalDatasets.put(dataset);
        for (let start = 0; start < rows.length; start += CHUNK) {
          const chunk: EvalRowRecord[] = rows
            .slice(start, start + CHUNK)
            .map((values, i) => ({ datasetId: dataset.id, index: start + i, values }));
          await db.evalRows.bulkPut(chunk);
        }
      });
    },
    /** A dataset's rows' values, in order. */
    async rows(datasetId: string): Promise<Record<string, string>[]> {
      const rows = await db.evalRows
        .where('[datasetId+index]')
        .between([datasetId, ROW_MIN], [datasetId, ROW_MAX])
        .toArray();
      return rows.map((r) => r.values);
    },
    /** Deletes a dataset, its rows, and the runs made on it with their results. */
    async remove(id: string): Promise<void> {
      await db.transaction('rw', [db.evalDatasets, db.evalRows, db.evalRuns, db.evalResults], async () => {
        const runs = (await db.evalRuns.where('datasetId').equals(id).primaryKeys()) as string[];
        for (const runId of runs) await db.evalResults.where('runId').equals(runId).delete();
        await db.evalRuns.bulkDelete(runs);
        await db.evalRows.where('datasetId').equals(id).delete();
        await db.evalDatasets.delete(id);
      });
    },
  };
}

/** Runs and their results. */
export function evalRunsRepo(db: StudioDatabase = getDatabase()) {
  return {
    /** Every run, most recently updated first. */
    list: (): Promise<EvalRunRecord[]> => db.evalRuns.orderBy('updatedAt').reverse().toArray(),
    get: (id: string): Promise<EvalRunRecord | undefined> => db.evalRuns.get(id),
    /** Creates or replaces (same id) a run. */
    async put(run: EvalRunRecord): Promise<void> {
      await db.evalRuns.put(run);
    },
    /** Saves results (one finished request each; the same row × variant replaces itself). */
    async putResults(results: readonly EvalResultRecord[]): Promise<void> {
      if (results.length > 0) await db.evalResults.bulkPut([...results]);
    },
    /** Every result of a run. */
    results: (runId: string): Promise<EvalResultRecord[]> =>
      db.evalResults.where('runId').equals(runId).toArray(),
    /** Deletes a run and its results. */
    async remove(runId: string): Promise<void> {
      await db.transaction('rw', db.evalRuns, db.evalResults, async () => {
        await db.evalResults.where('runId').equals(runId).delete();
        await db.evalRuns.delete(runId);
      });
    },
  };
}

/** The repositories' types, for the store's dependencies. */
export type EvalDatasetsRepo = ReturnType<typeof evalDatasetsRepo>;
export type EvalRunsRepo = ReturnType<typeof evalRunsRepo>;
