import { describe, expect, it } from 'vitest';
import {
  budgetLimit,
  effortProblem,
  parseBudget,
  reasoningFields,
} from '../../../../../renderer/components/params/reasoning-fields';
import { capabilitiesFor } from '../../../../../shared/model-capabilities';

const CLAUDE = capabilitiesFor({ name: 'databricks-claude-sonnet-4-6' });
const GPT_OSS = capabilitiesFor({ name: 'databricks-gpt-oss-120b' });
const GPT_55 = capabilitiesFor({ name: 'databricks-gpt-5-5' });
const LLAMA = capabilitiesFor({ name: 'databricks-meta-llama-3-3-70b-instruct' });

describe('reasoningFields', () => {
  it('offers the control each model takes, and nothing for a model that takes none', () => {
    expect(reasoningFields([CLAUDE])).toEqual({ budget: { min: 1024 }, efforts: null });
    expect(reasoningFields([GPT_OSS])).toEqual({ budget: null, efforts: ['low', 'medium', 'high'] });
    expect(reasoningFields([GPT_55])).toEqual({ budget: null, efforts: ['none', 'low', 'medium', 'high'] });
    expect(reasoningFields([LLAMA])).toEqual({ budget: null, efforts: null });
    expect(reasoningFields([])).toEqual({ budget: null, efforts: null });
  });
  it('for several endpoints (shared compare parameters), offers what any of them takes', () => {
    expect(reasoningFields([LLAMA, CLAUDE, GPT_OSS, GPT_55])).toEqual({
      budget: { min: 1024 },
      efforts: ['none', 'low', 'medium', 'high'],
    });
  });
});

describe('parseBudget', () => {
  it('takes a whole number from the minimum to below max_tokens', () => {
    expect(parseBudget('2000', { max_tokens: 4000 }, [CLAUDE], 'chat')).toEqual({ ok: true, value: 2000 });
    expect(parseBudget('2000', {}, [CLAUDE], 'chat')).toEqual({ ok: true, value: 2000 });
  });
  it('refuses, with the reason, a budget not below max_tokens, under the minimum, or not a number', () => {
    expect(parseBudget('4000', { max_tokens: 4000 }, [CLAUDE], 'chat')).toEqual({
      ok: false,
      reason: 'The thinking budget (4000) must be below max_tokens (4000).',
    });
    expect(parseBudget('512', {}, [CLAUDE], 'chat')).toEqual({
      ok: false,
      reason: 'The thinking budget must be at least 1024 tokens.',
    });
    expect(parseBudget('1500.5', {}, [CLAUDE], 'chat').ok).toBe(false);
    expect(parseBudget('lots', {}, [CLAUDE], 'chat')).toEqual({
      ok: false,
      reason: '"lots" is not a number.',
    });
  });
});

describe('effortProblem', () => {
  it('names the efforts the model accepts when it rejects one', () => {
    expect(effortProblem('high', [GPT_OSS])).toBeNull();
    expect(effortProblem(undefined, [GPT_OSS])).toBeNull();
    expect(effortProblem('none', [GPT_OSS])).toBe(
      'GPT-OSS accepts reasoning effort low, medium, high; not "none".',
    );
    expect(effortProblem('none', [GPT_55])).toBeNull();
    // A model without an effort control is never sent one: not its problem.
    expect(effortProblem('none', [CLAUDE])).toBeNull();
  });
});

describe('budgetLimit', () => {
  it('ends just below max_tokens, else at the window', () => {
    expect(budgetLimit(1024, 4000, 'chat', 200_000)).toMatchObject({ min: 1024, max: 3999, integer: true });
    expect(budgetLimit(1024, undefined, 'chat', 100_000)).toMatchObject({ max: 99_999 });
    expect(budgetLimit(1024, 500, 'chat', null)).toMatchObject({ min: 1024, max: 1024 });
  });
});
