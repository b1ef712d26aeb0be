import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { ROW_FAILURE_MARKER, SEED_TABLE } from '../../../../electron/demo-workspace/server';
import { ROWS_PER_CHUNK } from '../../../../electron/demo-workspace/statements';
import { buildEvalStatement, datasetToCsv, renderPrompt } from '../../../../shared/eval-sql';
import { BGE, get, invocations, LLAMA_70B, post, startFast } from './helpers';
import { allRows, poll, putFile, run, submit, WAREHOUSE } from './sql-helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast({ sqlRowMs: 0, sqlPendingMs: 0 });
});
afterAll(() => ws.close());

const PATH = '/Volumes/main/default/evaluations/questions.csv';
const template = { system: 'Answer in one line.', user: 'Question {{id}}: {{question}}' };
const params = { max_tokens: 40, temperature: 0 };

function dataset(n: number) {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    question:
      i === 2
        ? `Tell me "why", it's\nodd ${ROW_FAILURE_MARKER}`
        : `What is topic number ${i + 1}, with "quotes" and 'apostrophes'?`,
    expected: i % 2 ? 'yes' : null,
  }));
  return { columns: ['id', 'question', 'expected'], rows };
}

describe('ai_query statements over a volume file', () => {
  it('runs PENDING → SUCCEEDED, in chunks, each answer equal to a direct request at temperature 0', async () => {
    const data = dataset(1_203);
    expect((await putFile(ws, PATH, datasetToCsv(data.columns, data.rows))).status).toBe(204);
    const sql = buildEvalStatement({
      endpoint: LLAMA_70B,
      template,
      params,
      source: { kind: 'volume', path: PATH },
      columns: data.columns,
      idColumn: 'id',
      keepColumns: ['expected'],
    });
    const first = await submit(ws, sql);
    expect(['PENDING', 'RUNNING']).toContain(first.status.state);
    const done = await poll(ws, first.statement_id);
    expect(done.status.state).toBe('SUCCEEDED');
    expect(done.manifest?.total_row_count).toBe(1_203);
    expect(done.manifest?.total_chunk_count).toBe(Math.ceil(1_203 / ROWS_PER_CHUNK));
    expect(done.manifest?.schema.columns.map((c) => [c.name, c.type_name])).toEqual([
      ['id', 'STRING'],
      ['expected', 'STRING'],
      ['response', 'STRUCT'],
    ]);
    expect(done.result?.data_array).toHaveLength(ROWS_PER_CHUNK);
    const rows = await allRows(ws, done);
    expect(rows).toHaveLength(1_203);
    expect(rows.map((r) => r[0])).toEqual(data.rows.map((r) => r.id));
    expect(rows[0]?.[1]).toBeNull();
    expect(rows[1]?.[1]).toBe('yes');

    // The failing row carries its error; the others equal what the endpoint answers directly.
    const failed = JSON.parse(rows[2]?.[2] ?? '{}');
    expect(failed.result).toBeNull();
    expect(failed.errorMessage).toContain('500 INTERNAL_ERROR');
    for (const i of [0, 1, 700, 1_202]) {
      const row = data.rows[i] as Record<string, string | null>;
      const direct = await post(ws, invocations(LLAMA_70B), {
        messages: [{ role: 'user', content: renderPrompt(template, row) }],
        ...params,
      });
      const answer = (await direct.json()) as { choices: { message: { content: string } }[] };
      const cell = JSON.parse(rows[i]?.[2] ?? '{}');
      expect(cell).toEqual({ result: answer.choices[0]?.message.content, errorMessage: null });
      expect(cell.result.length).toBeGreaterThan(0);
    }
  });

  it('answers within the wait timeout when asked to wait', async () => {
    await putFile(ws, PATH, 'id,question\r\n1,hello\r\n');
    const res = await post(ws, '/api/2.0/sql/statements', {
      warehouse_id: WAREHOUSE,
      statement: `SELECT id, ai_query('${LLAMA_70B}', question) AS r FROM read_files('${PATH}', format => 'csv', header => true)`,
      wait_timeout: '30s',
    });
    const json = (await res.json()) as { status: { state: string }; result: { data_array: string[][] } };
    expect(json.status.state).toBe('SUCCEEDED');
    // failOnError defaults to true: the plain answer text.
    expect(json.result.data_array[0]?.[1]).toMatch(/\w/);
  });

  it('fails the statement on a failing row when failOnError is true', async () => {
    await putFile(ws, PATH, `id,question\r\n1,${ROW_FAILURE_MARKER}\r\n`);
    const st = await run(
      ws,
      `SELECT id, ai_query('${LLAMA_70B}', question) AS r FROM read_files('${PATH}', format => 'csv', header => true)`,
    );
    expect(st.status.state).toBe('FAILED');
    expect(st.status.error?.message).toMatch(/^\[AI_FUNCTION_HTTP_REQUEST_ERROR\]/);
  });

  it('cancels a running statement', async () => {
    ws.configure({ sqlRowMs: 20 });
    try {
      const data = dataset(500);
      await putFile(ws, PATH, datasetToCsv(data.columns, data.rows));
      const st = await submit(
        ws,
        buildEvalStatement({
          endpoint: LLAMA_70B,
          template,
          params,
          source: { kind: 'volume', path: PATH },
          idColumn: 'id',
        }),
      );
      const cancel = await post(ws, `/api/2.0/sql/statements/${st.statement_id}/cancel`, {});
      expect(cancel.status).toBe(200);
      const done = await poll(ws, st.statement_id);
      expect(done.status.state).toBe('CANCELED');
      expect(done.manifest).toBeUndefined();
      const chunk = await get(ws, `/api/2.0/sql/statements/${st.statement_id}/result/chunks/0`);
      expect(chunk.status).toBe(400);
    } finally {
      ws.configure({ sqlRowMs: 0 });
    }
  });
});

describe('tables', () => {
  it('reads the seed table, stores CREATE TABLE … AS SELECT results and reads them back', async () => {
    const name = `main.default.results_${Date.now()}`;
    const sql = buildEvalStatement({
      endpoint: LLAMA_70B,
      template: { user: '{{question}}' },
      params,
      source: { kind: 'table', name: SEED_TABLE },
      idColumn: 'id',
      keepColumns: ['expected'],
      createTable: name,
    });
    const created = await run(ws, sql);
    expect(created.status.state).toBe('SUCCEEDED');
    expect(created.result?.data_array).toEqual([['5', '5']]);
    const back = await run(ws, `SELECT * FROM ${name}`);
    expect(back.manifest?.schema.columns.map((c) => c.name)).toEqual(['id', 'expected', 'response']);
    expect(back.result?.data_array).toHaveLength(5);
    expect(JSON.parse(back.result?.data_array[0]?.[2] ?? '{}').result).toMatch(/\w/);
    const again = await run(ws, sql);
    expect(again.status.error?.message).toMatch(/^\[TABLE_OR_VIEW_ALREADY_EXISTS\]/);
  });
});

describe('errors in Databricks words', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a statement outside the supported shapes',
      'DELETE FROM main.default.t',
      /^\[PARSE_SYNTAX_ERROR\] Syntax error at or near 'DELETE'/,
    ],
    ['a join', `SELECT id FROM ${SEED_TABLE} JOIN x`, /^\[PARSE_SYNTAX_ERROR\].*'JOIN'/],
    ['an unclosed literal', "SELECT 'abc FROM x", /^\[PARSE_SYNTAX_ERROR\]/],
    ['an unknown function', `SELECT upper(id) FROM ${SEED_TABLE}`, /^\[UNRESOLVED_ROUTINE\].*`upper`/],
    [
      'an unknown column',
      `SELECT nope FROM ${SEED_TABLE}`,
      /^\[UNRESOLVED_COLUMN\.WITH_SUGGESTION\].*`nope`.*`question`/,
    ],
    ['an unknown table', 'SELECT * FROM main.default.missing', /^\[TABLE_OR_VIEW_NOT_FOUND\]/],
    [
      'a missing volume file',
      "SELECT * FROM read_files('/Volumes/main/default/evaluations/none.csv', format => 'csv', header => true)",
      /^\[PATH_NOT_FOUND\] Path does not exist: \/Volumes\/main\/default\/evaluations\/none\.csv/,
    ],
    [
      'an unknown model parameter',
      `SELECT ai_query('${LLAMA_70B}', question, modelParameters => named_struct('max_tokenz', 5)) AS r FROM ${SEED_TABLE}`,
      /^\[AI_FUNCTION_INVALID_MODEL_PARAMETERS\.UNSUPPORTED_MODEL_PARAMETER\].*"max_tokenz"/,
    ],
    [
      'a parameter out of range',
      `SELECT ai_query('${LLAMA_70B}', question, modelParameters => named_struct('temperature', 9.0)) AS r FROM ${SEED_TABLE}`,
      /^\[AI_FUNCTION_INVALID_MODEL_PARAMETERS\.INVALID_NUMERIC_PARAMETER\].*temperature/,
    ],
    [
      'a mistyped parameter',
      `SELECT ai_query('${LLAMA_70B}', question, modelParameters => named_struct('max_tokens', 'ten')) AS r FROM ${SEED_TABLE}`,
      /^\[AI_FUNCTION_INVALID_MODEL_PARAMETERS\.INVALID_PARAMETER_DATA_TYPE\]/,
    ],
    [
      'an embeddings endpoint',
      `SELECT ai_query('${BGE}', question) AS r FROM ${SEED_TABLE}`,
      /^\[AI_FUNCTION_UNSUPPORTED_REQUEST\].*llm\/v1\/embeddings/,
    ],
    [
      'an unknown endpoint',
      `SELECT ai_query('nope', question) AS r FROM ${SEED_TABLE}`,
      /^\[AI_FUNCTION_HTTP_REQUEST_ERROR\].*404/,
    ],
  ];
  it.each(cases)('%s', async (_what, sql, message) => {
    const st = await run(ws, sql);
    expect(st.status.state).toBe('FAILED');
    expect(st.status.error?.error_code).toBe('BAD_REQUEST');
    expect(st.status.error?.message).toMatch(message);
  });

  it('refuses a bad request body with 400 INVALID_PARAMETER_VALUE', async () => {
    for (const body of [
      { statement: 'SELECT 1' },
      { warehouse_id: WAREHOUSE, statement: 'SELECT * FROM x', wait_timeout: '3s' },
      { warehouse_id: WAREHOUSE, statement: 'SELECT * FROM x', format: 'ARROW_STREAM' },
      { warehouse_id: WAREHOUSE, statement: 'SELECT * FROM x', disposition: 'EXTERNAL_LINKS' },
    ]) {
      const res = await post(ws, '/api/2.0/sql/statements', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('INVALID_PARAMETER_VALUE');
    }
  });

  it('answers 404 for an unknown statement', async () => {
    const res = await get(ws, '/api/2.0/sql/statements/01efnope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });
});
