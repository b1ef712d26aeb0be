import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStudioDatabase } from '../../../../renderer/core/db/database';
import { presetsRepo } from '../../../../renderer/core/db/presets-repo';
import { pricesRepo } from '../../../../renderer/core/db/prices-repo';
import { PRESET, PRICE, uniqueName } from './fixtures';

describe('presetsRepo', () => {
  it('saves, replaces by id, lists by name and removes', async () => {
    const repo = presetsRepo(openStudioDatabase(uniqueName('presets')));
    await repo.save(PRESET);
    await repo.save({ ...PRESET, id: 'p2', name: 'creative' });
    expect((await repo.list()).map((p) => p.name)).toEqual(['creative', 'Precise']);
    await repo.save({ ...PRESET, systemPrompt: 'Changed' });
    expect((await repo.list()).find((p) => p.id === 'p1')?.systemPrompt).toBe('Changed');
    await repo.remove('p2');
    expect((await repo.list()).map((p) => p.id)).toEqual(['p1']);
  });
});

describe('pricesRepo', () => {
  it('keeps one override per endpoint', async () => {
    const repo = pricesRepo(openStudioDatabase(uniqueName('prices')));
    await repo.put(PRICE);
    await repo.put({ ...PRICE, inputPerMillion: 1 });
    await repo.put({ ...PRICE, endpoint: 'a-endpoint' });
    expect(await repo.list()).toEqual([
      { ...PRICE, endpoint: 'a-endpoint' },
      { ...PRICE, inputPerMillion: 1 },
    ]);
    await repo.remove('a-endpoint');
    expect(await repo.list()).toHaveLength(1);
  });
});
