import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { DEMO_WAREHOUSES } from '../../../../electron/demo-workspace/server';
import { get, post, startFast } from './helpers';
import { putFile } from './sql-helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast({ sqlPendingMs: 0, warehouseStartMs: 1_500 });
});
afterAll(() => ws.close());

type Warehouse = { id: string; name: string; state: string; cluster_size: string };

describe('SQL warehouses', () => {
  it('lists one running and one stopped warehouse', async () => {
    const json = (await (await get(ws, '/api/2.0/sql/warehouses')).json()) as { warehouses: Warehouse[] };
    expect(json.warehouses.map((w) => [w.id, w.state, w.cluster_size])).toEqual([
      [DEMO_WAREHOUSES.running, 'RUNNING', 'Small'],
      [DEMO_WAREHOUSES.stopped, 'STOPPED', 'Medium'],
    ]);
  });

  it('refuses statements on a stopped warehouse, starts it (STARTING → RUNNING), then runs them', async () => {
    const statement = 'SELECT * FROM main.default.eval_questions';
    const refused = await post(ws, '/api/2.0/sql/statements', {
      warehouse_id: DEMO_WAREHOUSES.stopped,
      statement,
      wait_timeout: '0s',
    });
    expect(refused.status).toBe(400);
    const error = (await refused.json()) as { error_code: string; message: string };
    expect(error.error_code).toBe('INVALID_STATE');
    expect(error.message).toContain('is STOPPED');

    expect((await post(ws, `/api/2.0/sql/warehouses/${DEMO_WAREHOUSES.stopped}/start`, {})).status).toBe(200);
    const one = async () =>
      ((await (await get(ws, `/api/2.0/sql/warehouses/${DEMO_WAREHOUSES.stopped}`)).json()) as Warehouse)
        .state;
    expect(await one()).toBe('STARTING');
    // A statement sent while it starts waits (PENDING) and then runs.
    const pending = await post(ws, '/api/2.0/sql/statements', {
      warehouse_id: DEMO_WAREHOUSES.stopped,
      statement,
      wait_timeout: '30s',
    });
    const json = (await pending.json()) as { status: { state: string } };
    expect(json.status.state).toBe('SUCCEEDED');
    expect(await one()).toBe('RUNNING');
  });

  it('answers 404 for an unknown warehouse', async () => {
    const res = await get(ws, '/api/2.0/sql/warehouses/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });
});

describe('Files API on volumes', () => {
  const path = '/Volumes/main/default/evaluations/dir/ünïcode data.csv';
  const url = (p: string) => `/api/2.0/fs/files${p.split('/').map(encodeURIComponent).join('/')}`;

  it('puts, gets and deletes a file', async () => {
    expect((await putFile(ws, path, 'a,b\r\n1,é\r\n')).status).toBe(204);
    const back = await get(ws, url(path));
    expect(back.status).toBe(200);
    expect(await back.text()).toBe('a,b\r\n1,é\r\n');
    const del = await fetch(`${ws.url}${url(path)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ws.token}` },
    });
    expect(del.status).toBe(204);
    expect((await get(ws, url(path))).status).toBe(404);
  });

  it('refuses to overwrite unless asked', async () => {
    await putFile(ws, path, 'x');
    const again = await putFile(ws, path, 'y', false);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error_code: 'ALREADY_EXISTS' });
  });

  it('names the missing catalog, schema or volume (404 NOT_FOUND) and a read-only volume (403)', async () => {
    const cases: [string, number, string, RegExp][] = [
      ['/Volumes/nope/default/evaluations/f.csv', 404, 'NOT_FOUND', /Catalog 'nope' does not exist/],
      ['/Volumes/main/nope/evaluations/f.csv', 404, 'NOT_FOUND', /Schema 'main\.nope' does not exist/],
      ['/Volumes/main/default/nope/f.csv', 404, 'NOT_FOUND', /Volume 'main\.default\.nope' does not exist/],
      ['/Volumes/main/default/reference/f.csv', 403, 'PERMISSION_DENIED', /WRITE VOLUME/],
    ];
    for (const [p, status, code, message] of cases) {
      const res = await putFile(ws, p, 'x');
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error_code: string; message: string };
      expect(body.error_code).toBe(code);
      expect(body.message).toMatch(message);
    }
  });

  it('refuses dot segments and encoded slashes', async () => {
    const dots = await fetch(`${ws.url}/api/2.0/fs/files/Volumes/main/default/evaluations/%2E%2E/x.csv`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ws.token}` },
      body: 'x',
    });
    expect(dots.status).toBe(400);
    const slash = await fetch(`${ws.url}/api/2.0/fs/files/Volumes/main/default/evaluations/a%2Fb.csv`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ws.token}` },
      body: 'x',
    });
    expect(slash.status).toBe(400);
  });

  it('needs the token like every other route', async () => {
    expect((await get(ws, '/api/2.0/sql/warehouses', null)).status).toBe(401);
  });
});
