import { describe, expect, it } from 'vitest';
import { applyPatch, defaultConfig } from '../../../../electron/demo-workspace/config';
import { EndpointRegistry } from '../../../../electron/demo-workspace/endpoint-registry';
import { SEED_TABLE, TableStore } from '../../../../electron/demo-workspace/sql-tables';
import { DEMO_WAREHOUSES, WarehouseRegistry } from '../../../../electron/demo-workspace/sql-warehouses';
import { StatementStore } from '../../../../electron/demo-workspace/statements';
import { VolumeStore } from '../../../../electron/demo-workspace/volumes';

/* The statement store on its own: result expiry, waiting, and what a finished statement says. */

function store(maxRetainedRows: number) {
  const config = applyPatch(defaultConfig(0, 1_000_000), { sqlPendingMs: 0, sqlRowMs: 0 });
  const warehouses = new WarehouseRegistry(() => 0);
  const env = {
    config: () => config,
    endpoints: () => new EndpointRegistry({ config }),
    warehouses,
    volumes: new VolumeStore(),
    tables: new TableStore(),
  };
  return new StatementStore(env, maxRetainedRows);
}

const defaults = { catalog: 'main', schema: 'default' };
const state = (s: StatementStore, id: string) => (s.describe(id).status as { state: string }).state;

describe('StatementStore', () => {
  it('expires the oldest results (CLOSED) once too many rows are kept', async () => {
    const s = store(8);
    const first = s.submit(DEMO_WAREHOUSES.running, `SELECT * FROM ${SEED_TABLE}`, defaults);
    await s.waitFor(first.id, 10_000);
    expect(state(s, first.id)).toBe('SUCCEEDED');
    const second = s.submit(DEMO_WAREHOUSES.running, `SELECT id FROM ${SEED_TABLE}`, defaults);
    await s.waitFor(second.id, 10_000);
    expect(state(s, second.id)).toBe('SUCCEEDED');
    expect(state(s, first.id)).toBe('CLOSED');
    expect(() => s.chunk(first.id, 0)).toThrow(/CLOSED/);
    expect(s.chunk(second.id, 0)).toMatchObject({ chunk_index: 0, row_count: 5 });
  });

  it('resolves unqualified table names with the request catalog and schema', async () => {
    const s = store(100);
    const st = s.submit(DEMO_WAREHOUSES.running, 'SELECT question FROM eval_questions', defaults);
    await s.waitFor(st.id, 10_000);
    expect(state(s, st.id)).toBe('SUCCEEDED');
  });
});
