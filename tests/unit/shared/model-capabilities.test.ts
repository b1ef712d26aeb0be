import { describe, expect, it } from 'vitest';
import {
  capabilitiesFor,
  knownCapabilities,
  modelKey,
  reasoningProblems,
  UNKNOWN_CAPABILITIES,
} from '../../../shared/model-capabilities';

describe('the capability table', () => {
  it('normalises names the way workspaces spell them', () => {
    expect(modelKey('databricks-claude-sonnet-4-6')).toBe('claude-sonnet-4-6');
    expect(modelKey('system.ai.claude_sonnet_4.6')).toBe('claude-sonnet-4-6');
  });

  it.each([
    ['databricks-claude-sonnet-4-6', 'Claude', 'budget', 'chat-completions', 200_000, true],
    ['databricks-gpt-5-5', 'GPT-5', 'effort', 'responses', 272_000, true],
    ['databricks-gpt-5-1', 'GPT-5', 'effort', 'chat-completions', 272_000, true],
    ['databricks-gpt-oss-120b', 'GPT-OSS', 'effort', 'chat-completions', 131_072, false],
    ['databricks-gemini-2-5-pro', 'Gemini', 'effort', 'chat-completions', 1_000_000, true],
    ['databricks-llama-4-maverick', 'Llama 4', 'none', 'chat-completions', 131_072, true],
    ['databricks-meta-llama-3-3-70b-instruct', 'Llama 3', 'none', 'chat-completions', 131_072, false],
    ['databricks-dbrx-instruct', 'DBRX', 'none', 'chat-completions', 32_768, false],
  ])(
    '%s → %s, reasoning %s, %s, %i tokens, vision %s',
    (name, family, reasoning, protocol, window, vision) => {
      const caps = knownCapabilities(name);
      expect(caps).toMatchObject({ family, protocol, contextWindow: window, vision });
      expect(caps?.reasoning.kind).toBe(reasoning);
    },
  );

  it('knows GPT-5 takes "minimal" and GPT-5.1+ "none"', () => {
    const gpt5 = knownCapabilities('databricks-gpt-5');
    const gpt51 = knownCapabilities('databricks-gpt-5-1');
    expect(gpt5?.reasoning).toEqual({ kind: 'effort', efforts: ['minimal', 'low', 'medium', 'high'] });
    expect(gpt51?.reasoning).toEqual({ kind: 'effort', efforts: ['none', 'low', 'medium', 'high'] });
  });

  it('prefers the model name, then the endpoint name, then nothing known', () => {
    expect(capabilitiesFor({ name: 'my-endpoint', model: 'claude-sonnet-4-5' }).family).toBe('Claude');
    expect(capabilitiesFor({ name: 'databricks-gpt-oss-20b', model: null }).family).toBe('GPT-OSS');
    expect(capabilitiesFor({ name: 'my-model' })).toEqual(UNKNOWN_CAPABILITIES);
  });

  it('sends agents the Responses shape whatever their model', () => {
    const agent = capabilitiesFor({ name: 'demo-support-agent', task: 'agent/v1/responses' });
    expect(agent.protocol).toBe('responses');
    expect(agent.family).toBe('Agent');
  });

  it("applies the user's override last", () => {
    const caps = capabilitiesFor({ name: 'my-model' }, { vision: true, protocol: 'responses' });
    expect(caps).toMatchObject({ vision: true, protocol: 'responses', tools: false });
  });
});

describe('reasoning settings', () => {
  const claude = capabilitiesFor({ name: 'databricks-claude-sonnet-4-6' });
  const oss = capabilitiesFor({ name: 'databricks-gpt-oss-120b' });
  const llama = capabilitiesFor({ name: 'databricks-meta-llama-3-3-70b-instruct' });

  it('accepts a budget below max_tokens on a hybrid model', () => {
    expect(reasoningProblems(claude, { budgetTokens: 2048 }, 4096)).toEqual([]);
  });

  it('refuses a budget at or above max_tokens, below the minimum, or on a model without one', () => {
    expect(reasoningProblems(claude, { budgetTokens: 4096 }, 4096)[0]).toMatch(/below max_tokens \(4096\)/);
    expect(reasoningProblems(claude, { budgetTokens: 100 })[0]).toMatch(/at least 1024/);
    expect(reasoningProblems(oss, { budgetTokens: 2048 })[0]).toMatch(/no thinking budget/);
  });

  it('refuses efforts the model rejects, naming the ones it takes', () => {
    expect(reasoningProblems(oss, { effort: 'high' })).toEqual([]);
    expect(reasoningProblems(oss, { effort: 'minimal' })[0]).toMatch(/low, medium, high; not "minimal"/);
    expect(reasoningProblems(llama, { effort: 'low' })[0]).toMatch(/no reasoning effort/);
  });
});
