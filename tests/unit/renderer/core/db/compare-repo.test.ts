import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compareSetupsRepo, comparisonsRepo, votesRepo } from '../../../../../renderer/core/db/compare-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { COMPARE_SETUP, COMPARISON, uniqueName, VOTE } from '../../db/fixtures';

describe('compareSetupsRepo', () => {
  it('puts, replaces by id, lists newest first, gets and removes', async () => {
    const repo = compareSetupsRepo(openStudioDatabase(uniqueName('setups')));
    await repo.put(COMPARE_SETUP);
    await repo.put({ ...COMPARE_SETUP, id: 's2', name: 'Newer', updatedAt: 10 });
    expect((await repo.list()).map((s) => s.id)).toEqual(['s2', 'setup1']);
    await repo.put({ ...COMPARE_SETUP, name: 'Renamed', updatedAt: 20 });
    expect((await repo.list()).map((s) => s.name)).toEqual(['Renamed', 'Newer']);
    expect(await repo.get('setup1')).toEqual({ ...COMPARE_SETUP, name: 'Renamed', updatedAt: 20 });
    await repo.remove('s2');
    expect(await repo.list()).toHaveLength(1);
  });
});

describe('comparisonsRepo', () => {
  it('keeps whole comparisons and lists newest first; removing one keeps its votes', async () => {
    const db = openStudioDatabase(uniqueName('comparisons'));
    const repo = comparisonsRepo(db);
    await repo.put(COMPARISON);
    await repo.put({ ...COMPARISON, id: 'old', updatedAt: 1 });
    expect((await repo.list()).map((c) => c.id)).toEqual(['cmp1', 'old']);
    expect(await repo.get('cmp1')).toEqual(COMPARISON);
    await votesRepo(db).add(VOTE);
    await repo.remove('cmp1');
    expect(await repo.get('cmp1')).toBeUndefined();
    expect(await votesRepo(db).forComparison('cmp1')).toEqual([VOTE]);
  });
});

describe('votesRepo', () => {
  it('adds with new ids, lists oldest first and by comparison', async () => {
    const repo = votesRepo(openStudioDatabase(uniqueName('votes')));
    const { id: _ignored, ...rest } = VOTE;
    const a = await repo.add({ ...rest, at: 30 });
    const b = await repo.add({ ...rest, at: 10, winner: null });
    const c = await repo.add({ ...rest, comparisonId: 'other', at: 20 });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(a).toEqual({ ...rest, at: 30, id: a.id });
    expect((await repo.list()).map((v) => v.at)).toEqual([10, 20, 30]);
    expect((await repo.forComparison('cmp1')).map((v) => v.id)).toEqual([b.id, a.id]);
    expect(await repo.forComparison('none')).toEqual([]);
    // An explicit id is kept (import, undo).
    expect((await repo.add(VOTE)).id).toBe('v1');
    expect(await repo.removeForComparison('cmp1')).toBe(3);
    expect((await repo.list()).map((v) => v.id)).toEqual([c.id]);
  });
});
