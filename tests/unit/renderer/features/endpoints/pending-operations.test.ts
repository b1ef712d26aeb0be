import { beforeEach, describe, expect, it } from 'vitest';
import {
  loadOperations,
  newOperation,
  saveOperations,
} from '../../../../../renderer/features/endpoints/pending-operations';

/** A Map-backed localStorage: the module reads `globalThis.localStorage`. */
function installStorage() {
  const data = new Map<string, string>();
  globalThis.localStorage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    length: 0,
  } as Storage;
  return data;
}

describe('pending operations in localStorage', () => {
  let data: Map<string, string>;
  beforeEach(() => {
    data = installStorage();
  });

  it('round-trips operations, running first', () => {
    const done = {
      ...newOperation({ workspaceId: 'ws', name: 'a', kind: 'create', summary: '' }, 1),
      status: 'succeeded' as const,
    };
    const running = newOperation({ workspaceId: 'ws', name: 'b', kind: 'update', summary: '2 units' }, 2);
    saveOperations([done, running]);
    expect(loadOperations().map((o) => o.name)).toEqual(['b', 'a']);
    expect(newOperation({ workspaceId: 'ws', name: 'b', kind: 'update', summary: '' }, 2).id).not.toBe(
      running.id,
    );
  });

  it('drops what it cannot read instead of failing', () => {
    data.set('serving-studio.endpoints.operations', '{not json');
    expect(loadOperations()).toEqual([]);
    data.set('serving-studio.endpoints.operations', JSON.stringify([{ name: 'x' }, 42]));
    expect(loadOperations()).toEqual([]);
  });

  it('keeps at most 20 and clears the key when empty', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      newOperation({ workspaceId: 'ws', name: `e${i}`, kind: 'delete', summary: '' }, i),
    );
    saveOperations(many);
    expect(loadOperations()).toHaveLength(20);
    saveOperations([]);
    expect(data.has('serving-studio.endpoints.operations')).toBe(false);
  });
});
