import { describe, expect, it } from 'vitest';
import {
  costUsd,
  DEFAULT_PRICES,
  defaultPriceFor,
  priceFor,
  UNKNOWN_PRICE_REASONS,
} from '../../../shared/pricing';

describe('DEFAULT_PRICES', () => {
  it.each([
    ['databricks-meta-llama-3-1-8b-instruct', 0.05, 0.1],
    ['databricks-meta-llama-3-1-70b-instruct', 0.5, 1.5],
    ['databricks-dbrx-instruct', 0.75, 2.25],
    ['databricks-gpt-oss-120b', 0.15, 0.6],
    ['databricks-claude-sonnet-4', 3, 15],
    ['databricks-bge-large-en', 0.1, 0],
    ['databricks-gte-large-en', 0.13, 0],
  ])('%s: $%f in / $%f out per 1M', (endpoint, input, output) => {
    expect(DEFAULT_PRICES[endpoint]).toEqual({ inputPerMillion: input, outputPerMillion: output });
  });

  it('leaves unknown what the reference does not price, with a reason', () => {
    for (const name of [
      'databricks-meta-llama-3-1-405b-instruct',
      'databricks-mixtral-8x7b-instruct',
      'demo-llama-3-1-8b-pt',
    ]) {
      expect(DEFAULT_PRICES[name]).toBeNull();
      expect(UNKNOWN_PRICE_REASONS[name]).toBeTruthy();
    }
  });
});

describe('priceFor', () => {
  it('uses the default when there is no override', () => {
    expect(priceFor('databricks-dbrx-instruct', [])).toEqual({
      inputPerMillion: 0.75,
      outputPerMillion: 2.25,
    });
  });

  it('the user override wins, also over an unknown default', () => {
    const overrides = [
      { endpoint: 'databricks-dbrx-instruct', inputPerMillion: 1, outputPerMillion: 2, updatedAt: 1 },
      { endpoint: 'demo-llama-3-1-8b-pt', inputPerMillion: 0.2, outputPerMillion: 0.4 },
    ];
    expect(priceFor('databricks-dbrx-instruct', overrides)).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 2,
    });
    expect(priceFor('demo-llama-3-1-8b-pt', overrides)).toEqual({
      inputPerMillion: 0.2,
      outputPerMillion: 0.4,
    });
  });

  it('is null for unknown names, including Object prototype keys', () => {
    expect(priceFor('my-custom-model', [])).toBeNull();
    expect(priceFor('constructor', [])).toBeNull();
    expect(defaultPriceFor('toString')).toBeNull();
  });

  it('returns a copy: editing it does not change the defaults', () => {
    const p = priceFor('databricks-dbrx-instruct', [])!;
    p.inputPerMillion = 99;
    expect(DEFAULT_PRICES['databricks-dbrx-instruct']?.inputPerMillion).toBe(0.75);
  });
});

describe('costUsd', () => {
  const price = { inputPerMillion: 0.5, outputPerMillion: 1.5 };
  it('prices input and output per million tokens', () => {
    expect(costUsd({ promptTokens: 1_000_000, completionTokens: 0 }, price)).toBeCloseTo(0.5);
    expect(costUsd({ promptTokens: 2000, completionTokens: 1000 }, price)).toBeCloseTo(0.0025);
  });
  it('counts a missing token count as zero', () => {
    expect(costUsd({ promptTokens: null, completionTokens: 1_000_000 }, price)).toBeCloseTo(1.5);
    expect(costUsd({ promptTokens: null, completionTokens: null }, price)).toBe(0);
  });
});
