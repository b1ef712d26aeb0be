import { describe, expect, it } from 'vitest';
import {
  effectiveLimit,
  formatParam,
  initialValue,
  NUMERIC_FIELDS,
  parseParamInput,
  stopProblem,
  unsetHint,
  withParam,
} from '../../../../../renderer/components/params/param-fields';
import { PARAM_LIMITS } from '../../../../../shared/limits';

describe('NUMERIC_FIELDS', () => {
  it('has the labels the UI and the e2e tests use, in panel order', () => {
    expect(NUMERIC_FIELDS.map((f) => f.label)).toEqual([
      'Temperature',
      'Top P',
      'Top K',
      'Max tokens',
      'Choices (n)',
    ]);
  });

  it('every initial value is valid for chat', () => {
    for (const field of NUMERIC_FIELDS) {
      const limit = effectiveLimit(field.key, 'chat', null)!;
      const value = initialValue(field, limit);
      expect(parseParamInput(field.key, String(value), 'chat', null)).toEqual({ ok: true, value });
    }
  });
});

describe('effectiveLimit', () => {
  it('caps max_tokens by a known context window', () => {
    expect(effectiveLimit('max_tokens', 'chat', 32_000)?.max).toBe(32_000);
    expect(effectiveLimit('max_tokens', 'chat', null)?.max).toBe(PARAM_LIMITS.chat.max_tokens?.max);
    expect(effectiveLimit('temperature', 'chat', 10)?.max).toBe(2);
  });

  it('is null for a task that takes no sampling parameters', () => {
    expect(effectiveLimit('temperature', 'embeddings', null)).toBeNull();
  });

  it('clamps the initial value into a small window', () => {
    const field = NUMERIC_FIELDS.find((f) => f.key === 'max_tokens')!;
    expect(initialValue(field, effectiveLimit('max_tokens', 'chat', 512)!)).toBe(512);
  });
});

describe('parseParamInput', () => {
  it.each([
    ['temperature', '0', 0],
    ['temperature', '2', 2],
    ['temperature', '0.7', 0.7],
    ['temperature', ' .5 ', 0.5],
    ['top_p', '1', 1],
    ['n', '5', 5],
    ['max_tokens', '20', 20],
    ['top_k', '1e2', 100],
  ] as const)('%s "%s" → %d', (key, text, value) => {
    expect(parseParamInput(key, text, 'chat', null)).toEqual({ ok: true, value });
  });

  it.each([
    ['temperature', '3', /temperature must be between 0 and 2; got 3/],
    ['temperature', '-0.1', /between 0 and 2/],
    ['top_p', '1.5', /top_p must be between 0 and 1/],
    ['n', '6', /n must be between 1 and 5/],
    ['n', '2.5', /whole number/],
    ['max_tokens', '0', /between 1 and/],
    ['temperature', '', /Enter a number/],
    ['temperature', 'abc', /"abc" is not a number/],
    ['temperature', '0x1', /not a number/],
    ['temperature', 'Infinity', /not a number/],
  ] as const)('%s "%s" is refused with the reason', (key, text, reason) => {
    const result = parseParamInput(key, text, 'chat', null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('bounds max_tokens by the context window', () => {
    expect(parseParamInput('max_tokens', '40000', 'chat', 32_000)).toEqual({
      ok: false,
      reason: 'max_tokens must be between 1 and 32000; got 40000.',
    });
    expect(parseParamInput('max_tokens', '40000', 'chat', 128_000)).toEqual({ ok: true, value: 40_000 });
  });
});

describe('stopProblem', () => {
  it('accepts a new sequence', () => {
    expect(stopProblem('###', [], 'chat')).toBeNull();
  });

  it('refuses empty, duplicate, too long and one too many', () => {
    const limit = PARAM_LIMITS.chat.stop!;
    expect(stopProblem('', [], 'chat')).toMatch(/empty/);
    expect(stopProblem('###', ['###'], 'chat')).toMatch(/already/);
    expect(stopProblem('x'.repeat(limit.maxLength + 1), [], 'chat')).toMatch(/at most/);
    const full = Array.from({ length: limit.maxCount }, (_, i) => `s${i}`);
    expect(stopProblem('new', full, 'chat')).toMatch(`At most ${limit.maxCount} stop sequences`);
    expect(stopProblem('x', [], 'embeddings')).toMatch(/not supported/);
  });
});

describe('withParam', () => {
  it('sets a value and removes the key when unset (not key: undefined)', () => {
    const set = withParam({ max_tokens: 5 }, 'temperature', 0);
    expect(set).toEqual({ max_tokens: 5, temperature: 0 });
    const unset = withParam(set, 'temperature', undefined);
    expect(Object.keys(unset)).toEqual(['max_tokens']);
    expect(set).toEqual({ max_tokens: 5, temperature: 0 });
  });
});

describe('hints and formatting', () => {
  it('shows the server default when there is one', () => {
    expect(unsetHint(PARAM_LIMITS.chat.temperature!)).toBe('Unset: server default 1');
    expect(unsetHint(PARAM_LIMITS.chat.max_tokens!)).toBe('Unset: the server decides');
  });

  it('formats slider values without float noise', () => {
    expect(formatParam(0.7000000000000001, PARAM_LIMITS.chat.temperature!)).toBe('0.7');
    expect(formatParam(40.0000001, PARAM_LIMITS.chat.top_k!)).toBe('40');
  });
});
