import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { presetsRepo } from '../../../../../renderer/core/db/presets-repo';
import { createPresetsStore } from '../../../../../renderer/core/stores/presets-store';

let counter = 0;
function fresh() {
  const db = openStudioDatabase(`presets-store-${Date.now()}-${++counter}`);
  let t = 1000;
  let id = 0;
  const store = createPresetsStore(
    () => presetsRepo(db),
    () => ++t,
    () => `p${++id}`,
  );
  return { db, store };
}

describe('presets store', () => {
  it('saves the system prompt and only the set params, then lists them', async () => {
    const { store } = fresh();
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, presets: [] });
    const saved = await store
      .getState()
      .save('  Deterministic  ', 'You are terse.', { temperature: 0, max_tokens: undefined, stop: ['###'] });
    expect(saved).toEqual({
      id: 'p1',
      name: 'Deterministic',
      systemPrompt: 'You are terse.',
      params: { temperature: 0, stop: ['###'] },
      createdAt: 1001,
      updatedAt: 1001,
    });
    expect(Object.keys(saved!.params)).toEqual(['temperature', 'stop']);
    expect(store.getState().presets).toEqual([saved]);
  });

  it('keeps the Stream switch when it is off, and not when it is on (the default)', async () => {
    const { store } = fresh();
    const off = await store.getState().save('Debug', '', { temperature: 0, stream: false });
    expect(off?.params).toEqual({ temperature: 0, stream: false });
    const on = await store.getState().save('Live', '', { temperature: 0, stream: true });
    expect(on?.params).toEqual({ temperature: 0 });
  });

  it('saving under an existing name (any case) replaces it, keeping id and createdAt', async () => {
    const { store } = fresh();
    await store.getState().save('Code', 'a', { temperature: 0 });
    const again = await store.getState().save('code', 'b', { top_p: 0.5 });
    expect(again).toMatchObject({
      id: 'p1',
      name: 'code',
      systemPrompt: 'b',
      params: { top_p: 0.5 },
      createdAt: 1001,
    });
    expect(store.getState().presets).toHaveLength(1);
  });

  it('refuses an empty name and deletes', async () => {
    const { store } = fresh();
    expect(await store.getState().save('  ', 'x', {})).toBeNull();
    expect(store.getState().error).toMatch(/name/);
    const a = await store.getState().save('A', '', {});
    await store.getState().save('B', '', {});
    await store.getState().remove(a!.id);
    expect(store.getState().presets.map((p) => p.name)).toEqual(['B']);
    expect(store.getState().error).toBeNull();
  });

  it('reports a failing repository instead of throwing', async () => {
    const { db, store } = fresh();
    db.close();
    await store.getState().load();
    expect(store.getState().error).toMatch(/Could not load presets/);
  });
});
