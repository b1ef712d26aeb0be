import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_WAREHOUSES, ROW_FAILURE_MARKER } from '../../../../../electron/demo-workspace/server';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { SecretStore, Session } from '../../../../../electron/services/types';
import type { Result, StudioError } from '../../../../../shared/errors';
import { buildEvalStatement, datasetToCsv } from '../../../../../shared/eval-sql';
import type { ResultChunk, StatementStatus, Warehouse } from '../../../../../shared/sql-schemas';
import { UPLOAD_LIMITS } from '../../../../../shared/sql-schemas';

/*
 * The Databricks SQL channels through the router against the embedded demo workspace: list and
 * start warehouses, upload a dataset, run an ai_query statement, poll, read its chunks, cancel.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';
const PATH = '/Volumes/main/default/evaluations/run.csv';

const memorySecrets = (): SecretStore => {
  const map = new Map<string, string>();
  return {
    isAvailable: async () => true,
    set: async (id, s) => void map.set(id, s),
    get: async (id) => map.get(id) ?? null,
    remove: async (id) => void map.delete(id),
    has: async (id) => map.has(id),
  };
};

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
function error(result: Result<unknown>): StudioError {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('sql handlers × demo workspace', () => {
  let dir: string;
  let services: StudioServices;
  let demoHost: string;
  const session: Session = { id: 'w1', emit: () => {} };
  const call = (channel: string, payload?: unknown) => services.router.handle(channel, payload, session);

  async function configureDemo(patch: unknown): Promise<void> {
    const res = await fetch(`${demoHost}/__demo/config`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    expect(res.status).toBe(200);
  }

  async function finished(statementId: string): Promise<StatementStatus> {
    for (;;) {
      const st = value<StatementStatus>(await call('sql:get-statement', { statementId }));
      if (st.state !== 'PENDING' && st.state !== 'RUNNING') return st;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'studio-sql-'));
    services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '0',
      secretStore: memorySecrets(),
    });
    demoHost = value<{ host: string }>(await call('workspaces:use-demo')).host;
    await configureDemo({
      ttftMs: 0,
      tokensPerSec: 100_000,
      sqlRowMs: 0,
      sqlPendingMs: 0,
      warehouseStartMs: 1_000,
    });
  });
  afterEach(async () => {
    await services.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists warehouses and starts the stopped one', async () => {
    const { warehouses } = value<{ warehouses: Warehouse[] }>(await call('sql:list-warehouses'));
    expect(warehouses.map((w) => [w.id, w.state])).toEqual([
      [DEMO_WAREHOUSES.running, 'RUNNING'],
      [DEMO_WAREHOUSES.stopped, 'STOPPED'],
    ]);
    const started = value<Warehouse>(await call('sql:start-warehouse', { id: DEMO_WAREHOUSES.stopped }));
    expect(started).toMatchObject({ id: DEMO_WAREHOUSES.stopped, state: 'STARTING', clusterSize: 'Medium' });
  });

  it('uploads a dataset, runs one variant, polls and reads every chunk', async () => {
    const rows = Array.from({ length: 1_100 }, (_, i) => ({
      id: String(i),
      question: i === 7 ? `fail ${ROW_FAILURE_MARKER}` : `Question ${i}: what's "new"?`,
    }));
    const upload = value<{ bytes: number }>(
      await call('files:upload', { path: PATH, content: datasetToCsv(['id', 'question'], rows) }),
    );
    expect(upload.bytes).toBeGreaterThan(30_000);
    const statement = buildEvalStatement({
      endpoint: LLAMA,
      template: { user: '{{question}}' },
      params: { max_tokens: 20, temperature: 0 },
      source: { kind: 'volume', path: PATH },
      columns: ['id', 'question'],
      idColumn: 'id',
    });
    const submitted = value<StatementStatus>(
      await call('sql:execute', { warehouseId: DEMO_WAREHOUSES.running, statement }),
    );
    expect(['PENDING', 'RUNNING']).toContain(submitted.state);
    const done = await finished(submitted.statementId);
    expect(done).toMatchObject({ state: 'SUCCEEDED', totalRowCount: 1_100, totalChunkCount: 3 });
    expect(done.columns?.map((c) => c.name)).toEqual(['id', 'response']);
    const all = [...(done.firstChunk?.rows ?? [])];
    let next = done.firstChunk?.nextChunkIndex;
    while (next !== undefined) {
      const chunk = value<ResultChunk>(
        await call('sql:get-result-chunk', { statementId: submitted.statementId, chunkIndex: next }),
      );
      expect(chunk.rowOffset).toBe(all.length);
      all.push(...chunk.rows);
      next = chunk.nextChunkIndex;
    }
    expect(all.map((r) => r[0])).toEqual(rows.map((r) => r.id));
    expect(JSON.parse(all[7]?.[1] ?? '{}').errorMessage).toContain(ROW_FAILURE_MARKER);
    expect(JSON.parse(all[8]?.[1] ?? '{}').result).toMatch(/\w/);
  });

  it('cancels a running statement', async () => {
    await configureDemo({ sqlRowMs: 50 });
    // 200 rows at 50 ms each: the run is still going when the cancel arrives.
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, q: `q${i}` }));
    await call('files:upload', { path: PATH, content: datasetToCsv(['id', 'q'], rows) });
    const statement = `SELECT id, ai_query('${LLAMA}', q) AS r FROM read_files('${PATH}', format => 'csv', header => true)`;
    const { statementId } = value<StatementStatus>(
      await call('sql:execute', { warehouseId: DEMO_WAREHOUSES.running, statement }),
    );
    expect(value(await call('sql:cancel', { statementId }))).toEqual({ cancelled: true });
    expect((await finished(statementId)).state).toBe('CANCELED');
  });

  it("reports a failed statement with the workspace's error class", async () => {
    const st = value<StatementStatus>(
      await call('sql:execute', {
        warehouseId: DEMO_WAREHOUSES.running,
        statement: 'DROP TABLE main.default.x',
      }),
    );
    const done = st.state === 'FAILED' ? st : await finished(st.statementId);
    expect(done.state).toBe('FAILED');
    expect(done.error?.code).toBe('BAD_REQUEST');
    expect(done.error?.message).toMatch(/^\[PARSE_SYNTAX_ERROR\]/);
  });

  it("fails in Databricks' words: a stopped warehouse, a read-only or missing volume, an unknown statement", async () => {
    const stopped = error(
      await call('sql:execute', { warehouseId: DEMO_WAREHOUSES.stopped, statement: 'SELECT * FROM t' }),
    );
    expect(stopped).toMatchObject({ code: 'BAD_PARAMETER', serverCode: 'INVALID_STATE', status: 400 });
    expect(stopped.serverMessage).toContain('STOPPED');
    expect(stopped.message).toMatch(/start it first/);

    const readOnly = error(
      await call('files:upload', { path: '/Volumes/main/default/reference/x.csv', content: 'a' }),
    );
    expect(readOnly).toMatchObject({ code: 'PERMISSION', serverCode: 'PERMISSION_DENIED' });
    const missing = error(await call('files:upload', { path: '/Volumes/main/nope/v/x.csv', content: 'a' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', serverMessage: "Schema 'main.nope' does not exist." });

    const unknown = error(await call('sql:get-statement', { statementId: 'nope' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', serverCode: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('refuses bad paths and oversized files before anything is sent', async () => {
    const bad = error(
      await call('files:upload', { path: '/Volumes/main/default/evaluations/../x.csv', content: 'a' }),
    );
    expect(bad.code).toBe('INVALID_REQUEST');
    const big = error(
      await call('files:upload', { path: PATH, content: 'x'.repeat(UPLOAD_LIMITS.maxBytes + 1) }),
    );
    expect(big.code).toBe('INVALID_REQUEST');
    expect(big.message).toMatch(/at most 48\.0 MiB/);
    const id = error(await call('sql:get-statement', { statementId: '../x' }));
    expect(id.code).toBe('INVALID_REQUEST');
  });

  it('refuses on an OpenAI-compatible workspace: it needs Databricks', async () => {
    value(
      await call('workspaces:connect-openai', {
        name: 'Local',
        baseUrl: `${demoHost}/serving-endpoints`,
        apiKey: 'demo-token',
      }),
    );
    const refused = error(await call('sql:list-warehouses'));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toMatch(/needs a Databricks workspace/);
  });
});
