import type { StudioApi } from '../../../shared/contract';
import type { Warehouse } from '../../../shared/sql-schemas';
import type { WorkspaceRunSource } from '../../core/db/eval-records';

/* The workspace path's types (eval-workspace.ts runs it; the store's state holds these). */

/** The bridge methods this path uses. */
export type SqlApi = Pick<
  StudioApi,
  | 'listWarehouses'
  | 'getWarehouse'
  | 'startWarehouse'
  | 'uploadFile'
  | 'executeStatement'
  | 'getStatement'
  | 'getResultChunk'
  | 'cancelStatement'
>;

/** The workspace settings of the next run. */
export interface WorkspaceSetup {
  warehouseId: string | null;
  source: 'volume' | 'table';
  /** The CSV's path; '' means the default for the dataset. */
  volumePath: string;
  tableName: string;
  /** The table's column that matches its rows to the local dataset's. */
  tableIdColumn: string;
  /** `catalog.schema.table` to keep the results in (CREATE TABLE … AS SELECT); '' for none. */
  keepTable: string;
  /** Edited statements by variant id (run as edited). */
  edits: Record<string, string>;
}

/** The warehouse list as the picker shows it. */
export interface WarehouseView {
  list: Warehouse[] | null;
  loading: boolean;
  error: string | null;
  /** The warehouse being started (its state polled until RUNNING). */
  starting: string | null;
}

/** Per variant: the statement to run (edited or generated) or why there is none. */
export interface PlannedStatement {
  variantId: string;
  sql: string | null;
  generated: string | null;
  edited: boolean;
  problem: string | null;
  table: string | null;
}

/** The statements of the current setup: the source (or why not) and each variant's. */
export interface WorkspacePlan {
  source: WorkspaceRunSource | null;
  problem: string | null;
  statements: PlannedStatement[];
}
