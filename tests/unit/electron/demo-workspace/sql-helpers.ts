import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { DEMO_WAREHOUSES } from '../../../../electron/demo-workspace/server';
import { get, post } from './helpers';

export const WAREHOUSE = DEMO_WAREHOUSES.running;

/** PUTs raw text to the Files API. */
export function putFile(
  ws: DemoWorkspace,
  path: string,
  content: string,
  overwrite = true,
): Promise<Response> {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return fetch(`${ws.url}/api/2.0/fs/files${encoded}?overwrite=${overwrite}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ws.token}`, 'content-type': 'application/octet-stream' },
    body: content,
  });
}

export type StatementJson = {
  statement_id: string;
  status: { state: string; error?: { error_code: string; message: string } };
  manifest?: {
    schema: { columns: { name: string; type_name: string }[] };
    total_row_count: number;
    total_chunk_count: number;
    chunks: { chunk_index: number; row_offset: number; row_count: number }[];
  };
  result?: { chunk_index: number; data_array: (string | null)[][]; next_chunk_index?: number };
};

/** Submits a statement (wait_timeout 0s) and returns the first answer. */
export async function submit(
  ws: DemoWorkspace,
  statement: string,
  warehouse = WAREHOUSE,
): Promise<StatementJson> {
  const res = await post(ws, '/api/2.0/sql/statements', {
    warehouse_id: warehouse,
    statement,
    wait_timeout: '0s',
    on_wait_timeout: 'CONTINUE',
    format: 'JSON_ARRAY',
    disposition: 'INLINE',
  });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return (await res.json()) as StatementJson;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED']);

/** Polls a statement until it is finished. */
export async function poll(ws: DemoWorkspace, id: string): Promise<StatementJson> {
  for (;;) {
    const json = (await (await get(ws, `/api/2.0/sql/statements/${id}`)).json()) as StatementJson;
    if (TERMINAL.has(json.status.state)) return json;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs a statement to its end. */
export async function run(ws: DemoWorkspace, statement: string): Promise<StatementJson> {
  const first = await submit(ws, statement);
  return poll(ws, first.statement_id);
}

/** Every row of a succeeded statement, chunk by chunk. */
export async function allRows(ws: DemoWorkspace, st: StatementJson): Promise<(string | null)[][]> {
  const rows = [...(st.result?.data_array ?? [])];
  let next = st.result?.next_chunk_index;
  while (next !== undefined) {
    const res = await get(ws, `/api/2.0/sql/statements/${st.statement_id}/result/chunks/${next}`);
    const chunk = (await res.json()) as { data_array: (string | null)[][]; next_chunk_index?: number };
    rows.push(...chunk.data_array);
    next = chunk.next_chunk_index;
  }
  return rows;
}
