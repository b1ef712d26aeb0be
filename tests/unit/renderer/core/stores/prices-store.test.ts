import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { pricesRepo } from '../../../../../renderer/core/db/prices-repo';
import { createPricesStore } from '../../../../../renderer/core/stores/prices-store';

let counter = 0;
function fresh() {
  const db = openStudioDatabase(`prices-store-${Date.now()}-${++counter}`);
  return {
    db,
    store: createPricesStore(
      () => pricesRepo(db),
      () => 42,
    ),
  };
}

describe('prices store', () => {
  it('starts from the defaults', async () => {
    const { store } = fresh();
    await store.getState().load();
    expect(store.getState().priceFor('databricks-dbrx-instruct')).toEqual({
      inputPerMillion: 0.75,
      outputPerMillion: 2.25,
    });
    expect(store.getState().priceFor('demo-llama-3-1-8b-pt')).toBeNull();
  });

  it('an override wins, persists, and reset brings the default back', async () => {
    const { db, store } = fresh();
    expect(
      await store
        .getState()
        .setPrice('databricks-dbrx-instruct', { inputPerMillion: 1, outputPerMillion: 3 }),
    ).toBe(true);
    expect(store.getState().priceFor('databricks-dbrx-instruct')).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 3,
    });
    expect(await pricesRepo(db).list()).toEqual([
      { endpoint: 'databricks-dbrx-instruct', inputPerMillion: 1, outputPerMillion: 3, updatedAt: 42 },
    ]);
    // A second store on the same database (a reload) sees the override.
    const reloaded = createPricesStore(() => pricesRepo(db));
    await reloaded.getState().load();
    expect(reloaded.getState().priceFor('databricks-dbrx-instruct')).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 3,
    });
    await store.getState().resetPrice('databricks-dbrx-instruct');
    expect(store.getState().priceFor('databricks-dbrx-instruct')).toEqual({
      inputPerMillion: 0.75,
      outputPerMillion: 2.25,
    });
  });

  it('gives an unknown endpoint a price once the user enters one', async () => {
    const { store } = fresh();
    await store.getState().setPrice('my-model', { inputPerMillion: 0.2, outputPerMillion: 0 });
    expect(store.getState().priceFor('my-model')).toEqual({ inputPerMillion: 0.2, outputPerMillion: 0 });
  });

  it('refuses negative or non-finite prices', async () => {
    const { store } = fresh();
    expect(await store.getState().setPrice('x', { inputPerMillion: -1, outputPerMillion: 0 })).toBe(false);
    expect(await store.getState().setPrice('x', { inputPerMillion: Number.NaN, outputPerMillion: 0 })).toBe(
      false,
    );
    expect(await store.getState().setPrice('', { inputPerMillion: 1, outputPerMillion: 1 })).toBe(false);
    expect(store.getState().overrides).toEqual([]);
  });
});
