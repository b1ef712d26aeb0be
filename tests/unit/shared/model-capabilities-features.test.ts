import { describe, expect, it } from 'vitest';
import { capabilitiesFor, featureRefusal, featureSupport } from '../../../shared/model-capabilities';

/* Which endpoints take tools, response formats and images, and the sentence when one doesn't. */

const caps = (name: string, task?: string) => capabilitiesFor({ name, task });

describe('featureSupport', () => {
  it('answers from the table for known models', () => {
    const claude = caps('databricks-claude-sonnet-4-6');
    expect(featureSupport(claude, 'tools')).toBe('yes');
    expect(featureSupport(claude, 'structuredOutputs')).toBe('yes');
    expect(featureSupport(claude, 'vision')).toBe('yes');
    const llama = caps('databricks-meta-llama-3-3-70b-instruct');
    expect(featureSupport(llama, 'tools')).toBe('yes');
    expect(featureSupport(llama, 'vision')).toBe('no');
    const dbrx = caps('databricks-dbrx-instruct');
    expect(['tools', 'structuredOutputs', 'vision'].map((f) => featureSupport(dbrx, f as 'tools'))).toEqual([
      'no',
      'no',
      'no',
    ]);
  });

  it('says unknown for a model the table does not know: the server decides', () => {
    const custom = caps('my-fine-tune');
    expect(featureSupport(custom, 'tools')).toBe('unknown');
    expect(featureSupport(custom, 'vision')).toBe('unknown');
  });

  it('an agent brings its own tools and format; whether it sees images is unknown', () => {
    const agent = caps('support-agent', 'agent/v1/responses');
    expect(featureSupport(agent, 'tools')).toBe('no');
    expect(featureSupport(agent, 'structuredOutputs')).toBe('no');
    expect(featureSupport(agent, 'vision')).toBe('unknown');
  });

  it('a user override wins', () => {
    const overridden = capabilitiesFor({ name: 'databricks-dbrx-instruct' }, { tools: true });
    expect(featureSupport(overridden, 'tools')).toBe('yes');
  });
});

describe('featureRefusal', () => {
  it('says why in a sentence, or null when the endpoint takes it or may', () => {
    const dbrx = caps('databricks-dbrx-instruct');
    expect(featureRefusal(dbrx, 'tools')).toBe('DBRX models take no tools.');
    expect(featureRefusal(dbrx, 'structuredOutputs')).toBe(
      'DBRX models take no response format (JSON object or schema).',
    );
    expect(featureRefusal(dbrx, 'vision')).toBe('DBRX models are text only: they take no images.');
    expect(featureRefusal(caps('databricks-claude-sonnet-4-6'), 'vision')).toBeNull();
    expect(featureRefusal(caps('my-fine-tune'), 'tools')).toBeNull();
  });

  it('tells an agent apart', () => {
    const agent = caps('support-agent', 'agent/v1/responses');
    expect(featureRefusal(agent, 'tools')).toBe(
      "Agents bring their own tools and answer format: tools can't be sent to one.",
    );
    expect(featureRefusal(agent, 'structuredOutputs')).toBe(
      "Agents bring their own tools and answer format: a response format can't be sent to one.",
    );
    expect(featureRefusal(agent, 'vision')).toBeNull();
  });
});
