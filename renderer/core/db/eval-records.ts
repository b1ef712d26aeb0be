import type { GenerationParams, Metrics } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StatementState } from '../../../shared/sql-schemas';

/*
 * What the Evaluate view keeps in IndexedDB (schema 5): datasets and their rows, runs (the
 * template, variants and scorers they ran with) and one result per row × variant, written
 * as each finishes so a reload resumes a run where it stopped.
 */

/** A scorer as configured for a run (renderer/features/evaluate/eval-scorers.ts scores with it). */
export type ScorerConfig =
  | { id: string; kind: 'exact'; caseSensitive: boolean }
  | { id: string; kind: 'contains'; caseSensitive: boolean }
  | { id: string; kind: 'regex'; pattern: string; flags: string }
  | { id: string; kind: 'json'; schema: string }
  | { id: string; kind: 'numeric'; tolerance: number }
  | { id: string; kind: 'judge'; endpoint: string; rubric: string };

/** One variant of a run: an endpoint and the parameters it is sent with. */
export interface EvalVariant {
  id: string;
  endpoint: string | null;
  params: GenerationParams;
}

/** An imported dataset (its rows are in `evalRows`). */
export interface EvalDatasetRecord {
  id: string;
  name: string;
  format: 'csv' | 'jsonl';
  columns: string[];
  rowCount: number;
  createdAt: number;
}

/** One row of a dataset: its values by column. */
export interface EvalRowRecord {
  datasetId: string;
  index: number;
  values: Record<string, string>;
}

/**
 * Where a run is. `running` on disk after a reload means it was interrupted: it shows as
 * paused, and Resume runs the rows × variants that have no result yet.
 */
export type EvalRunStatus = 'running' | 'paused' | 'done' | 'cancelled';

/** A run: what ran, on which dataset, and where it is. */
export interface EvalRunRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /**
   * Where the requests run: this machine (one stream per row × variant), or the workspace's
   * SQL engine (one `ai_query` statement per variant; `workspace` says which).
   */
  where: 'local' | 'workspace';
  /** A workspace run: the warehouse, the source and one statement per variant. */
  workspace?: WorkspaceRunInfo;
  workspaceId: string | null;
  datasetId: string;
  datasetName: string;
  rowCount: number;
  columns: string[];
  template: { system: string; user: string };
  variants: EvalVariant[];
  scorers: ScorerConfig[];
  status: EvalRunStatus;
  /** True when the answers came from the demo workspace's synthetic models. */
  synthetic: boolean;
}

/** Where a workspace run reads its dataset from. */
export type WorkspaceRunSource =
  /** The dataset uploaded as CSV; `idColumn` is the row number column the app added. */
  | { kind: 'volume'; path: string; idColumn: string }
  /** A table; rows are matched to the local dataset's rows by `idColumn`'s value. */
  | { kind: 'table'; name: string; idColumn: string };

/** One variant's statement in a workspace run (its state lives on the server; this is the last seen). */
export interface WorkspaceStatementRecord {
  variantId: string;
  /** The SQL as it was submitted. */
  sql: string;
  /** True when the user edited the generated statement. */
  edited: boolean;
  /** The statement being followed (the CREATE TABLE, then its read-back SELECT); null before submitting. */
  statementId: string | null;
  /** With `createTable`: true once the SELECT reading the table back was submitted. */
  readBack: boolean;
  state: StatementState | 'NOT_SUBMITTED';
  /** Why it failed, in the workspace's words. */
  error: string | null;
  submittedAt: number | null;
  finishedAt: number | null;
  /** The table the results are kept in (CREATE TABLE … AS SELECT), when asked for. */
  table: string | null;
}

/** What a workspace run ran on. */
export interface WorkspaceRunInfo {
  warehouseId: string;
  source: WorkspaceRunSource;
  statements: WorkspaceStatementRecord[];
}

/** The LLM judge's verdict on one result. */
export interface EvalJudgeVerdict {
  scorerId: string;
  pass: boolean | null;
  reason: string;
  costUsd: number | null;
  error?: StudioError | null;
}

/** One row × variant of a run, as it finished. */
export interface EvalResultRecord {
  runId: string;
  rowIndex: number;
  variantId: string;
  status: 'done' | 'error';
  output: string;
  finishReason: string | null;
  metrics: Metrics | null;
  costUsd: number | null;
  error: StudioError | null;
  finishedAt: number;
  /**
   * The tools the model called in its answer (its first step: an evaluation sends each row
   * once and answers no call), when the variant sent tools.
   */
  toolCalls?: { name: string; arguments: string }[];
  judge?: EvalJudgeVerdict[];
}
