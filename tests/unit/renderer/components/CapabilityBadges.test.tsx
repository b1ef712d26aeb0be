import { describe, expect, it } from 'vitest';
import { capabilityBadges } from '../../../../renderer/components/CapabilityBadges';

const keys = (endpoint: Parameters<typeof capabilityBadges>[0]) =>
  capabilityBadges(endpoint).map((b) => b.label);

describe('capabilityBadges', () => {
  it('names what each of today’s models can do', () => {
    expect(keys({ name: 'databricks-claude-sonnet-4-6', contextWindow: 200_000 })).toEqual([
      'Reasoning',
      'Vision',
      'Tools',
      '200k',
    ]);
    expect(keys({ name: 'databricks-gpt-5-5' })).toEqual([
      'Reasoning',
      'Vision',
      'Tools',
      'Responses API',
      '272k',
    ]);
    expect(keys({ name: 'databricks-meta-llama-3-3-70b-instruct', contextWindow: 131_072 })).toEqual([
      'Tools',
      '128k',
    ]);
    expect(keys({ name: 'demo-support-agent', task: 'agent/v1/responses', contextWindow: 131_072 })).toEqual([
      'Agent',
      'Responses API',
      '128k',
    ]);
  });
  it('says nothing it does not know, and follows the protocol the listing learned', () => {
    expect(keys({ name: 'my-custom-model' })).toEqual([]);
    expect(keys({ name: 'my-custom-model', protocol: 'responses' })).toEqual(['Responses API']);
  });
});
