import { describe, expect, it } from 'vitest';
import { applyPatch, defaultConfig, parseDemoConfigPatch } from '../../../../electron/demo-workspace/config';
import { takeFaults } from '../../../../electron/demo-workspace/faults';
import {
  finalizeText,
  firstStopIndex,
  generateChoices,
} from '../../../../electron/demo-workspace/generation';
import { deviationProbability, Sampler } from '../../../../electron/demo-workspace/sampler';
import { countTokens, tokenize } from '../../../../electron/demo-workspace/tokenizer';
import { readTopic } from '../../../../electron/demo-workspace/topic';

describe('tokenizer', () => {
  it('round-trips any text and counts like tokenize', () => {
    const samples = [
      'Hello, world!',
      '  indented\n\ncode() {}',
      'naïve café 😀 12345',
      'supercalifragilistic',
      '',
    ];
    for (const text of samples) {
      expect(tokenize(text).join('')).toBe(text);
      expect(countTokens(text)).toBe(tokenize(text).length);
    }
    expect(tokenize('Hello world')).toEqual(['Hello', ' world']);
  });
});

describe('sampler', () => {
  it('deviates more as temperature rises and never at 0 or top_p 0', () => {
    expect(deviationProbability({ temperature: 0, topP: 1 })).toBe(0);
    expect(deviationProbability({ temperature: 1.5, topP: 0 })).toBe(0);
    const low = deviationProbability({ temperature: 0.3, topP: 1 });
    const high = deviationProbability({ temperature: 1.4, topP: 1 });
    expect(high).toBeGreaterThan(low);
    expect(deviationProbability({ temperature: 1.4, topP: 0.5 })).toBeLessThan(high);
  });

  it('picks the same at temperature 0 whatever the noise seed', () => {
    const a = new Sampler(42, { temperature: 0, topP: 1 }, 1);
    const b = new Sampler(42, { temperature: 0, topP: 1 }, 2);
    const picks = (s: Sampler) => Array.from({ length: 20 }, () => s.index(10));
    expect(picks(a)).toEqual(picks(b));
  });
});

describe('finalizeText', () => {
  it('applies max_tokens then stop', () => {
    expect(finalizeText('one two three four', 2, [])).toMatchObject({
      text: 'one two',
      finishReason: 'length',
    });
    expect(finalizeText('one two END three', undefined, ['END'])).toMatchObject({
      text: 'one two ',
      finishReason: 'stop',
    });
    expect(finalizeText('one two three', undefined, [])).toMatchObject({ finishReason: 'stop' });
  });
});

describe('generators', () => {
  const params = { temperature: 0, topP: 1, n: 1, stop: [] };
  const gen = (text: string, style: 'chat' | 'completions' = 'chat') =>
    generateChoices({
      style,
      prompts: [{ text, seedText: text }],
      params,
      forcedTokens: null,
      contextRoom: 100_000,
    })[0]?.text ?? '';

  it('varies answer length by prompt and honours "N words"', () => {
    const lengths = ['Tell me about owls', 'Explain compilers', 'What is tax?'].map((t) =>
      countTokens(gen(t)),
    );
    expect(new Set(lengths).size).toBeGreaterThan(1);
    expect(countTokens(gen('Write 2000 words about deserts'))).toBeGreaterThan(2400);
  });

  it('writes code in the language asked for', () => {
    expect(gen('Write a SQL query for top customers')).toContain('```sql');
    expect(gen('Show me a typescript function to group items')).toContain('```typescript');
  });

  it('continues a Python def with a body', () => {
    const text = gen('def parse_config(path, strict=True):', 'completions');
    expect(text).toMatch(/^\n {4}"""/);
    expect(text).toContain('path');
  });

  it('reads the topic of a prompt', () => {
    const topic = readTopic('Explain quantum computing in simple terms.');
    expect(topic.keywords.slice(0, 2)).toEqual(['quantum', 'computing']);
    expect(topic.title).toBe('Quantum Computing');
    expect(readTopic('Hello!').greeting).toBe(true);
  });
});

describe('config and faults', () => {
  it('merges patches and removes exhausted fault rules', () => {
    const config = applyPatch(defaultConfig(), {
      rateLimits: { x: { queriesPerSecond: 1 } },
      faults: [{ type: 'http-error', status: 503, times: 1 }, { type: 'malformed-chunk' }],
    });
    expect(takeFaults(config, 'x', false)).toMatchObject({ http: { status: 503 } });
    expect(config.faults).toHaveLength(1);
    expect(takeFaults(config, 'x', true).stream).toEqual({ type: 'malformed-chunk' });
    expect(config.faults).toHaveLength(1);
    expect(applyPatch(config, { rateLimits: { x: null } }).rateLimits).toEqual({});
  });

  it('rejects unknown fields and fault types', () => {
    expect(parseDemoConfigPatch({ faults: [{ type: 'explode' }] }).ok).toBe(false);
    expect(parseDemoConfigPatch({ ttft: 5 }).ok).toBe(false);
    expect(parseDemoConfigPatch({ ttftMs: 5, responseTokens: null }).ok).toBe(true);
  });
});

describe('several stop sequences', () => {
  it.each([
    ['the earliest wins, whatever the list order', 'alpha. beta; gamma', ['; ', '. '], 'alpha'],
    ['the earliest wins when listed first too', 'alpha. beta; gamma', ['. ', '; '], 'alpha'],
    ['a later-listed one that comes first in the text', 'one END two STOP', ['STOP', 'END'], 'one '],
    ['one that never occurs is ignored', 'one END two', ['nope', 'END'], 'one '],
  ])('%s', (_why, text, stop, expected) => {
    expect(finalizeText(text, undefined, stop)).toMatchObject({ text: expected, finishReason: 'stop' });
  });

  it('finds the smallest index, not the first match in list order', () => {
    expect(firstStopIndex('a b c d', ['d', 'b', 'c'])).toBe(2);
    expect(firstStopIndex('a b c d', ['x', 'y'])).toBe(-1);
  });
});
