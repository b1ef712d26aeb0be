import { failure } from '../../../shared/errors';
import { type Context, currentClient } from '../services-context';
import type { Handlers, SqlApi } from '../types';

/*
 * Databricks SQL for Evaluate's in-workspace path, against the current workspace: SQL
 * warehouses, the dataset's upload to a volume (Files API), and statements (Statement
 * Execution: submit without waiting, poll, read chunks, cancel). The token stays here; the
 * renderer gets states, rows and the workspace's own error words.
 */

/** The current workspace's SQL API; INVALID_INPUT for an OpenAI-compatible server. */
async function sqlApi(ctx: Context): Promise<SqlApi> {
  const ws = await currentClient(ctx);
  if (!ws.client.sql)
    throw failure(
      'INVALID_INPUT',
      'Running in the workspace needs a Databricks workspace (Databricks SQL); this one is an OpenAI-compatible server. Run on this machine instead, or choose a Databricks workspace.',
    );
  return ws.client.sql;
}

/** The handlers of the `sql:*` and `files:*` contract entries. */
export function sqlHandlers(ctx: Context) {
  return {
    async listWarehouses() {
      return { warehouses: await (await sqlApi(ctx)).listWarehouses() };
    },
    async getWarehouse({ id }) {
      return (await sqlApi(ctx)).getWarehouse(id);
    },
    async startWarehouse({ id }) {
      const sql = await sqlApi(ctx);
      await sql.startWarehouse(id);
      return sql.getWarehouse(id);
    },
    async uploadFile({ path, content }) {
      return (await sqlApi(ctx)).uploadFile(path, content);
    },
    async executeStatement({ warehouseId, statement }) {
      return (await sqlApi(ctx)).executeStatement(warehouseId, statement);
    },
    async getStatement({ statementId }) {
      return (await sqlApi(ctx)).getStatement(statementId);
    },
    async getResultChunk({ statementId, chunkIndex }) {
      return (await sqlApi(ctx)).getResultChunk(statementId, chunkIndex);
    },
    async cancelStatement({ statementId }) {
      await (await sqlApi(ctx)).cancelStatement(statementId);
      return { cancelled: true };
    },
  } satisfies Partial<Handlers>;
}
