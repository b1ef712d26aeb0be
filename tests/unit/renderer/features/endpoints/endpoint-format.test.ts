import { describe, expect, it } from 'vitest';
import { formatEndpointState, KIND_LABELS } from '../../../../../renderer/features/endpoints/endpoint-format';

describe('endpoint formatting', () => {
  it('labels kinds in words', () => {
    expect(KIND_LABELS['provisioned-throughput']).toBe('provisioned throughput');
    expect(KIND_LABELS['pay-per-token']).toBe('pay-per-token');
  });

  it('shows readiness and a config update in progress', () => {
    expect(formatEndpointState({ ready: 'READY', configUpdate: 'NOT_UPDATING' })).toBe('ready');
    expect(formatEndpointState({ ready: 'NOT_READY', configUpdate: null })).toBe('not ready');
    expect(formatEndpointState({ ready: 'READY', configUpdate: 'IN_PROGRESS' })).toBe(
      'ready · config update: in progress',
    );
  });
});
