import { describe, expect, it } from 'vitest';
import {
  filterEndpoints,
  NO_FILTER,
  taskOptions,
} from '../../../../../renderer/features/endpoints/endpoint-filter';
import type { Endpoint } from '../../../../../shared/domain';

const base: Endpoint = {
  name: '',
  kind: 'pay-per-token',
  task: 'llm/v1/chat',
  taskKind: 'chat',
  ready: 'READY',
  configUpdate: 'NOT_UPDATING',
  model: null,
  displayName: null,
  creator: 'system',
  createdAt: null,
  contextWindow: null,
  provisionedUnits: null,
  warnings: [],
};
const list: Endpoint[] = [
  { ...base, name: 'databricks-meta-llama-3-1-70b-instruct', displayName: 'Meta Llama 3.1 70B Instruct' },
  { ...base, name: 'databricks-bge-large-en', task: 'llm/v1/embeddings', taskKind: 'embeddings' },
  {
    ...base,
    name: 'my-llama-pt',
    kind: 'provisioned-throughput',
    entityName: 'system.ai.meta_llama_3_1_70b_instruct',
    creator: 'ana@example.com',
  },
  { ...base, name: 'custom-model', kind: 'custom', task: null, taskKind: 'other' },
];
const names = (f: Partial<typeof NO_FILTER>) =>
  filterEndpoints(list, { ...NO_FILTER, ...f }).map((e) => e.name);

describe('endpoint filter', () => {
  it('filters by kind and task', () => {
    expect(names({ kind: 'provisioned-throughput' })).toEqual(['my-llama-pt']);
    expect(names({ task: 'llm/v1/embeddings' })).toEqual(['databricks-bge-large-en']);
    expect(names({ task: 'none' })).toEqual(['custom-model']);
    expect(names({})).toHaveLength(4);
  });

  it('searches name, model, served entity and creator, every word', () => {
    expect(names({ query: 'llama 70b' })).toEqual(['databricks-meta-llama-3-1-70b-instruct', 'my-llama-pt']);
    expect(names({ query: 'ANA@' })).toEqual(['my-llama-pt']);
    expect(names({ query: 'system.ai' })).toEqual(['my-llama-pt']);
  });

  it('lists the tasks present', () => {
    expect(taskOptions(list)).toEqual(['llm/v1/chat', 'llm/v1/embeddings', 'none']);
  });
});
