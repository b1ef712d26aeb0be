import { describe, expect, it } from 'vitest';
import {
  filesPath,
  normaliseChunk,
  normaliseStatement,
  pathUnder,
} from '../../../../../electron/services/workspace-client/sql-api';
import { createWorkspaceClient } from '../../../../../electron/services/workspace-client/workspace-client';
import { type StudioError, StudioFailure } from '../../../../../shared/errors';

/* The Databricks SQL calls of the workspace client, against a scripted fetch. */

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function scripted(answer: (req: Sent) => Response) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const req = {
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    };
    sent.push(req);
    return answer(req);
  }) as unknown as typeof globalThis.fetch;
  const client = createWorkspaceClient(
    { host: 'https://ws.example.com', getToken: async () => 'secret-token' },
    { fetch, retry: { maxAttempts: 1 } },
  );
  if (!client.sql) throw new Error('a Databricks client has sql');
  return { sql: client.sql, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failureOf(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof StudioFailure) return err.error;
    throw err;
  }
  throw new Error('expected a StudioFailure');
}

describe('paths', () => {
  it('encodes every segment and stays under its prefix', () => {
    expect(pathUnder('/api/2.0/sql/statements', 'a b', 'c?d')).toBe('/api/2.0/sql/statements/a%20b/c%3Fd');
    expect(() => pathUnder('/api/2.0/sql/statements', '..')).toThrow(StudioFailure);
    expect(() => pathUnder('/api/2.0/sql/statements', '.')).toThrow(StudioFailure);
  });

  it('builds Files API paths from checked volume paths', () => {
    expect(filesPath('/Volumes/main/default/evals/my data#1.csv')).toBe(
      '/api/2.0/fs/files/Volumes/main/default/evals/my%20data%231.csv',
    );
    for (const bad of ['/Volumes/main/default/evals/../x.csv', '/tmp/x.csv', '/Volumes/a/b/c'])
      expect(() => filesPath(bad)).toThrow(StudioFailure);
  });
});

describe('warehouses', () => {
  it('lists warehouses with their state and size; an empty workspace answers {}', async () => {
    const { sql, sent } = scripted(() =>
      json({
        warehouses: [
          { id: 'abc', name: 'WH', state: 'RUNNING', cluster_size: 'Small', enable_serverless_compute: true },
          { id: 'def', state: 'STOPPED' },
        ],
      }),
    );
    expect(await sql.listWarehouses()).toEqual([
      { id: 'abc', name: 'WH', state: 'RUNNING', clusterSize: 'Small', serverless: true },
      { id: 'def', name: 'def', state: 'STOPPED', clusterSize: null },
    ]);
    expect(sent[0]?.url).toBe('https://ws.example.com/api/2.0/sql/warehouses');
    expect(sent[0]?.headers.Authorization).toBe('Bearer secret-token');
    expect(await scripted(() => json({})).sql.listWarehouses()).toEqual([]);
  });

  it('refuses answers of another shape with BAD_RESPONSE', async () => {
    expect((await failureOf(scripted(() => json({ warehouses: 'x' })).sql.listWarehouses())).code).toBe(
      'BAD_RESPONSE',
    );
    expect((await failureOf(scripted(() => json({ name: 'x' })).sql.getWarehouse('abc'))).code).toBe(
      'BAD_RESPONSE',
    );
  });

  it('starts a warehouse with POST …/{id}/start', async () => {
    const { sql, sent } = scripted(() => json({}));
    await sql.startWarehouse('a/b');
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://ws.example.com/api/2.0/sql/warehouses/a%2Fb/start',
    });
  });

  it("keeps the workspace's words and gives SQL advice", async () => {
    const { sql } = scripted(() =>
      json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Warehouse abc does not exist.' }, 404),
    );
    const error = await failureOf(sql.getWarehouse('abc'));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      serverCode: 'RESOURCE_DOES_NOT_EXIST',
      serverMessage: 'Warehouse abc does not exist.',
      status: 404,
    });
    expect(error.message).toMatch(/SQL warehouse/);
  });
});

describe('Files API upload', () => {
  it('PUTs the raw text with overwrite=true and reports its UTF-8 size', async () => {
    const { sql, sent } = scripted(() => new Response(null, { status: 204 }));
    const content = 'id,q\r\n1,"é, ""x"""\r\n';
    expect(await sql.uploadFile('/Volumes/main/default/evals/d.csv', content)).toEqual({
      path: '/Volumes/main/default/evals/d.csv',
      bytes: new TextEncoder().encode(content).length,
    });
    expect(sent[0]).toMatchObject({
      method: 'PUT',
      url: 'https://ws.example.com/api/2.0/fs/files/Volumes/main/default/evals/d.csv?overwrite=true',
      body: content,
    });
    expect(sent[0]?.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('says what to do about a missing volume or a missing permission', async () => {
    const denied = await failureOf(
      scripted(() =>
        json({ error_code: 'PERMISSION_DENIED', message: 'No WRITE VOLUME.' }, 403),
      ).sql.uploadFile('/Volumes/a/b/c/d.csv', 'x'),
    );
    expect(denied).toMatchObject({
      code: 'PERMISSION',
      serverCode: 'PERMISSION_DENIED',
      serverMessage: 'No WRITE VOLUME.',
    });
    expect(denied.message).toMatch(/WRITE VOLUME/);
    const missing = await failureOf(
      scripted(() =>
        json({ error_code: 'NOT_FOUND', message: "Volume 'a.b.c' does not exist." }, 404),
      ).sql.uploadFile('/Volumes/a/b/c/d.csv', 'x'),
    );
    expect(missing.message).toMatch(/volume does not exist/);
  });
});

describe('statements', () => {
  it('submits without waiting: 0s, CONTINUE, JSON_ARRAY, INLINE', async () => {
    const { sql, sent } = scripted(() => json({ statement_id: '01ef-1', status: { state: 'PENDING' } }));
    expect(await sql.executeStatement('abc', 'SELECT 1')).toEqual({
      statementId: '01ef-1',
      state: 'PENDING',
    });
    expect(sent[0]?.url).toBe('https://ws.example.com/api/2.0/sql/statements');
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({
      warehouse_id: 'abc',
      statement: 'SELECT 1',
      wait_timeout: '0s',
      on_wait_timeout: 'CONTINUE',
      format: 'JSON_ARRAY',
      disposition: 'INLINE',
    });
  });

  it('reads a succeeded statement: columns, counts and the first chunk', () => {
    expect(
      normaliseStatement({
        statement_id: 's1',
        status: { state: 'SUCCEEDED' },
        manifest: {
          schema: {
            column_count: 2,
            columns: [
              { name: 'id', type_name: 'STRING', position: 0 },
              { name: 'response', type_name: 'STRUCT', type_text: 'STRUCT<result: STRING>', position: 1 },
            ],
          },
          total_row_count: 600,
          total_chunk_count: 2,
        },
        result: {
          chunk_index: 0,
          row_offset: 0,
          row_count: 1,
          data_array: [['1', null]],
          next_chunk_index: 1,
        },
      }),
    ).toEqual({
      statementId: 's1',
      state: 'SUCCEEDED',
      columns: [
        { name: 'id', typeName: 'STRING' },
        { name: 'response', typeName: 'STRUCT', typeText: 'STRUCT<result: STRING>' },
      ],
      totalRowCount: 600,
      totalChunkCount: 2,
      firstChunk: { chunkIndex: 0, rowOffset: 0, rows: [['1', null]], nextChunkIndex: 1 },
    });
  });

  it("reads a failed statement's error in Databricks' words", () => {
    expect(
      normaliseStatement({
        statement_id: 's1',
        status: { state: 'FAILED', error: { error_code: 'BAD_REQUEST', message: '[PARSE_SYNTAX_ERROR] …' } },
      }),
    ).toEqual({
      statementId: 's1',
      state: 'FAILED',
      error: { code: 'BAD_REQUEST', message: '[PARSE_SYNTAX_ERROR] …' },
    });
  });

  it('refuses statements and chunks of another shape', () => {
    const bad = [
      {},
      { statement_id: 's', status: { state: 'DONE' } },
      { statement_id: 's', status: {} },
      { statement_id: 's', status: { state: 'SUCCEEDED' }, manifest: { schema: { columns: 'x' } } },
    ];
    for (const body of bad) expect(() => normaliseStatement(body)).toThrow(/unexpected shape/);
    expect(() => normaliseChunk({ data_array: [[1]] })).toThrow(/unexpected shape/);
    expect(() => normaliseChunk({ data_array: 'x' })).toThrow(/unexpected shape/);
    expect(() => normaliseChunk([])).toThrow(/unexpected shape/);
  });

  it('fetches chunks and cancels by encoded statement id', async () => {
    const { sql, sent } = scripted((req) =>
      req.url.endsWith('/cancel')
        ? json({})
        : json({ chunk_index: 3, row_offset: 1500, row_count: 1, data_array: [['x']] }),
    );
    expect(await sql.getResultChunk('s 1', 3)).toEqual({ chunkIndex: 3, rowOffset: 1500, rows: [['x']] });
    await sql.cancelStatement('s 1');
    expect(sent.map((s) => [s.method, s.url])).toEqual([
      ['GET', 'https://ws.example.com/api/2.0/sql/statements/s%201/result/chunks/3'],
      ['POST', 'https://ws.example.com/api/2.0/sql/statements/s%201/cancel'],
    ]);
  });

  it('never submits a statement twice after a dropped connection, but retries a refused one', async () => {
    const netError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
    const run = async (code: string) => {
      let calls = 0;
      const fetch = (async () => {
        calls++;
        if (calls === 1) throw netError(code);
        return json({ statement_id: 's', status: { state: 'PENDING' } });
      }) as unknown as typeof globalThis.fetch;
      const client = createWorkspaceClient(
        { host: 'https://ws.example.com', getToken: async () => 't' },
        { fetch, retry: { maxAttempts: 3 }, sleep: async () => {} },
      );
      const outcome = await client.sql?.executeStatement('abc', 'SELECT 1').then(
        (v) => v.state,
        (e: StudioFailure) => e.error.code,
      );
      return { outcome, calls };
    };
    const dropped = await run('ECONNRESET');
    expect(dropped).toEqual({ outcome: 'NETWORK', calls: 1 });
    expect(await run('ECONNREFUSED')).toEqual({ outcome: 'PENDING', calls: 2 });
  });

  it('has no SQL for an OpenAI-compatible server', () => {
    const client = createWorkspaceClient({
      host: 'http://localhost:8000/v1',
      getToken: async () => '',
      flavor: 'openai',
    });
    expect(client.sql).toBeUndefined();
  });
});
