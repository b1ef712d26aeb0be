import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import type { EvalResultRecord, EvalRunRecord } from '../../../../../renderer/core/db/eval-records';
import { evalDatasetsRepo, evalRunsRepo } from '../../../../../renderer/core/db/eval-repo';
import { uniqueName } from '../../db/fixtures';

const dataset = (id: string, rowCount: number) => ({
  id,
  name: `${id}.csv`,
  format: 'csv' as const,
  columns: ['q'],
  rowCount,
  createdAt: rowCount,
});

const run = (id: string, datasetId: string): EvalRunRecord => ({
  id,
  name: id,
  createdAt: 1,
  updatedAt: 1,
  where: 'local',
  workspaceId: null,
  datasetId,
  datasetName: datasetId,
  rowCount: 2,
  columns: ['q'],
  template: { system: '', user: '{{q}}' },
  variants: [{ id: 'v', endpoint: 'e', params: {} }],
  scorers: [],
  status: 'running',
  synthetic: false,
});

const result = (runId: string, rowIndex: number, output: string): EvalResultRecord => ({
  runId,
  rowIndex,
  variantId: 'v',
  status: 'done',
  output,
  finishReason: 'stop',
  metrics: null,
  costUsd: null,
  error: null,
  finishedAt: 0,
});

describe('eval repositories', () => {
  it('keeps rows in order across chunks, one result per row × variant, and deletes a dataset with its runs', async () => {
    const db = openStudioDatabase(uniqueName('eval-repo'));
    const datasets = evalDatasetsRepo(db);
    const runs = evalRunsRepo(db);
    const rows = Array.from({ length: 12_001 }, (_, i) => ({ q: `row ${i}` }));
    await datasets.add(dataset('big', rows.length), rows);
    await datasets.add(dataset('small', 1), [{ q: 'only' }]);
    expect((await datasets.list()).map((d) => d.id)).toEqual(['big', 'small']);
    const read = await datasets.rows('big');
    expect(read).toHaveLength(12_001);
    expect(read[10_000]).toEqual({ q: 'row 10000' });
    expect(await datasets.rows('small')).toEqual([{ q: 'only' }]);

    await runs.put(run('r1', 'big'));
    await runs.put(run('r2', 'small'));
    await runs.putResults([result('r1', 0, 'first'), result('r1', 1, 'x')]);
    // Written again (a retry that finally passed): replaces, never duplicates.
    await runs.putResults([result('r1', 1, 'second')]);
    expect((await runs.results('r1')).map((r) => r.output).sort()).toEqual(['first', 'second']);

    await datasets.remove('big');
    expect(await datasets.get('big')).toBeUndefined();
    expect(await datasets.rows('big')).toEqual([]);
    expect(await runs.get('r1')).toBeUndefined();
    expect(await runs.results('r1')).toEqual([]);
    expect(await runs.get('r2')).toBeDefined();
    expect(await datasets.rows('small')).toHaveLength(1);
  });
});
