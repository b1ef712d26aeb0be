import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../electron/demo-workspace/config';
import { ProvisionedStore, type PtEntity } from '../../../../electron/demo-workspace/provisioning';
import { findPtModel } from '../../../../electron/demo-workspace/pt-models';

/* The provisioned-throughput store on a hand-driven clock: transitions settle exactly on time. */

const entity = (units: number): PtEntity => ({
  servedName: 'llama-1',
  model: findPtModel('system.ai.meta_llama_3_1_70b_instruct', '1'),
  version: '1',
  size: { units, scaleToZero: false },
});

function setup() {
  let now = 1_000;
  const source = { config: { ...defaultConfig(), ptProvisionMs: 500, ptUpdateMs: 200 } };
  const store = new ProvisionedStore(source, () => now);
  return { store, source, advance: (ms: number) => (now += ms) };
}
const stateOf = (store: ProvisionedStore, name: string) => store.describe(name).state;

describe('ProvisionedStore', () => {
  it('comes up after ptProvisionMs and scales after ptUpdateMs, no sooner', () => {
    const { store, advance } = setup();
    store.create('p', entity(1));
    advance(499);
    expect(stateOf(store, 'p')).toEqual({ ready: 'NOT_READY', config_update: 'IN_PROGRESS' });
    expect(() => store.invocable('p')).toThrow(/not ready yet/);
    advance(1);
    expect(stateOf(store, 'p')).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
    expect(store.invocable('p')).toMatchObject({ servedModel: 'llama-1', task: 'llm/v1/chat' });
    store.update('p', entity(3));
    advance(199);
    expect(stateOf(store, 'p')).toEqual({ ready: 'READY', config_update: 'IN_PROGRESS' });
    advance(1);
    const done = store.describe('p') as {
      config: { served_entities: { provisioned_model_units: number }[] };
    };
    expect(done.config.served_entities[0]?.provisioned_model_units).toBe(3);
    expect(store.describe('p').last_updated_timestamp).toBe(1_700);
  });

  it('consumes ptFailNext once, only for the matching kind and endpoint', () => {
    const { store, source, advance } = setup();
    source.config.ptFailNext = { kind: 'update', endpoint: 'q', message: 'boom' };
    store.create('p', entity(1));
    store.create('q', entity(1));
    advance(500);
    store.update('p', entity(2));
    store.update('q', entity(2));
    expect(source.config.ptFailNext).toBeNull();
    advance(200);
    expect(stateOf(store, 'p')).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
    expect(stateOf(store, 'q')).toEqual({ ready: 'READY', config_update: 'UPDATE_FAILED' });
    // A failed create retried through an update is a creation again (ready stays NOT_READY meanwhile).
    source.config.ptFailNext = { kind: 'create' };
    store.create('r', entity(1));
    advance(500);
    expect(stateOf(store, 'r')).toEqual({ ready: 'NOT_READY', config_update: 'UPDATE_FAILED' });
    store.update('r', entity(1));
    expect(stateOf(store, 'r')).toEqual({ ready: 'NOT_READY', config_update: 'IN_PROGRESS' });
    advance(500);
    expect(stateOf(store, 'r')).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
  });
});
