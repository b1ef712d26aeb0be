import { describe, expect, it } from 'vitest';
import {
  applicableParams,
  endpointCapabilities,
  isAgent,
  paramProblemsFor,
  protocolOf,
} from '../../../../renderer/core/endpoint-capabilities';

const CLAUDE = { name: 'databricks-claude-sonnet-4-6', contextWindow: 200_000 };
const GPT_OSS = { name: 'databricks-gpt-oss-120b' };
const GPT_55 = { name: 'databricks-gpt-5-5' };
const LLAMA = { name: 'databricks-meta-llama-3-3-70b-instruct' };
const AGENT = { name: 'demo-support-agent', task: 'agent/v1/responses', model: 'main.demo.support_agent' };

describe('endpointCapabilities', () => {
  it('reads the table, and the listing protocol wins over it', () => {
    expect(endpointCapabilities(CLAUDE).reasoning).toEqual({ kind: 'budget', minBudget: 1024 });
    expect(protocolOf(GPT_55)).toBe('responses');
    expect(protocolOf(LLAMA)).toBe('chat-completions');
    expect(protocolOf({ ...LLAMA, protocol: 'responses' })).toBe('responses');
  });
  it('knows an agent by its task', () => {
    expect(isAgent(AGENT)).toBe(true);
    expect(protocolOf(AGENT)).toBe('responses');
    expect(isAgent(LLAMA)).toBe(false);
  });
});

describe('applicableParams', () => {
  const params = { max_tokens: 4000, thinking_budget: 2000, reasoning_effort: 'high' as const };
  it('sends only the reasoning setting the model has a control for', () => {
    expect(applicableParams(params, endpointCapabilities(CLAUDE))).toEqual({
      max_tokens: 4000,
      thinking_budget: 2000,
    });
    expect(applicableParams(params, endpointCapabilities(GPT_OSS))).toEqual({
      max_tokens: 4000,
      reasoning_effort: 'high',
    });
    expect(applicableParams(params, endpointCapabilities(LLAMA))).toEqual({ max_tokens: 4000 });
  });
  it('returns the same object when nothing is left out', () => {
    const plain = { temperature: 0.5 };
    expect(applicableParams(plain, endpointCapabilities(LLAMA))).toBe(plain);
  });
});

describe('paramProblemsFor', () => {
  it('refuses a budget not below max_tokens, and an effort the model rejects', () => {
    expect(paramProblemsFor({ max_tokens: 2000, thinking_budget: 2000 }, CLAUDE)[0]).toMatch(
      /below max_tokens/,
    );
    expect(paramProblemsFor({ max_tokens: 4000, thinking_budget: 2000 }, CLAUDE)).toEqual([]);
    expect(paramProblemsFor({ reasoning_effort: 'none' }, GPT_OSS)[0]).toMatch(/not "none"/);
    expect(paramProblemsFor({ reasoning_effort: 'none' }, GPT_55)).toEqual([]);
  });
  it('ignores a hidden reasoning setting, and refuses what the Responses API lacks', () => {
    expect(paramProblemsFor({ thinking_budget: 5 }, LLAMA)).toEqual([]);
    expect(paramProblemsFor({ top_k: 5 }, GPT_55)[0]).toMatch(/Responses API/);
  });
});
