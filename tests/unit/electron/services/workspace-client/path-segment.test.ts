import { describe, expect, it } from 'vitest';
import { pathSegment } from '../../../../../electron/services/workspace-client/path-segment';
import { optimizationInfoPath } from '../../../../../electron/services/workspace-client/provisioning-api';
import { CONTRACT } from '../../../../../shared/contract';
import { StudioFailure } from '../../../../../shared/errors';

describe('pathSegment', () => {
  it.each(['.', '..', ''])('refuses %j, which fetch would resolve away', (value) => {
    expect(() => pathSegment(value)).toThrow(StudioFailure);
  });

  it('encodes everything else, dots inside a name included', () => {
    expect(pathSegment('system.ai.llama')).toBe('system.ai.llama');
    expect(pathSegment('a/b?c#d')).toBe('a%2Fb%3Fc%23d');
    expect(pathSegment('...')).toBe('...');
  });

  it('keeps the optimization-info path under its prefix', () => {
    expect(optimizationInfoPath('system.ai.llama', '1')).toBe(
      '/api/2.0/serving-endpoints/get-model-optimization-info/system.ai.llama/1',
    );
    expect(() => optimizationInfoPath('..', '..')).toThrow(/can't be part of a workspace URL/);
  });
});

describe('the optimization-info request schema', () => {
  const schema = CONTRACT.getOptimizationInfo.request;
  it.each([
    ['..', '1'],
    ['.', '1'],
    ['system..ai', '1'],
    ['system.ai.llama', '..'],
    ['a/b', '1'],
    ['a.b.c.d', '1'],
  ])('refuses %j version %j', (entityName, entityVersion) => {
    expect(schema.safeParse({ entityName, entityVersion }).success).toBe(false);
  });

  it('accepts Unity Catalog names', () => {
    expect(
      schema.safeParse({ entityName: 'system.ai.meta_llama_3_1_70b_instruct', entityVersion: '3' }).success,
    ).toBe(true);
  });
});
