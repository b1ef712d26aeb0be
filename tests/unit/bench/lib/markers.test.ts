import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../electron/demo-workspace/tokenizer';
import { answerOfTokens, benchmarkAnswer } from '../../../bench/lib/answer';
import { achievedRate, lagP95, markerLags, markerWord, withMarkers } from '../../../bench/lib/markers';

describe('marker words', () => {
  it('are six letters, one demo token each, and all different', () => {
    const words = Array.from({ length: 100 }, (_, i) => markerWord(3, i));
    expect(new Set(words).size).toBe(100);
    for (const word of words) {
      expect(word).toMatch(/^Zqm[a-z]{3}$/);
      expect(tokenize(` ${word}`)).toEqual([` ${word}`]);
    }
    expect(markerWord(0, 0)).not.toBe(markerWord(1, 0));
  });
});

describe('an answer with markers', () => {
  const body = answerOfTokens(benchmarkAnswer(100_000, 'Zqunused'), 6_000, 'Zqrmpa');
  const { text, markers } = withMarkers(body, 40, 0);
  const tokens = tokenize(text);

  it('places every marker as one token at the index it reports, the rest of the text unchanged', () => {
    expect(markers).toHaveLength(40);
    for (const m of markers) expect(tokens[m.token]).toBe(` ${m.word}`);
    let stripped = text;
    for (const m of markers) stripped = stripped.replace(` ${m.word}`, '');
    expect(stripped).toBe(body);
  });

  it('spreads the markers over the answer, in order', () => {
    const positions = markers.map((m) => m.token / tokens.length);
    for (let k = 1; k < positions.length; k++)
      expect(positions[k] as number).toBeGreaterThan(positions[k - 1] as number);
    expect(positions[0]).toBeLessThan(0.1);
    expect(positions.at(-1)).toBeGreaterThan(0.9);
  });

  it('puts markers where they show as words: never on a fence line or in a URL', () => {
    for (const line of text.split('\n')) {
      if (!/Zqm[a-z]{3}/.test(line)) continue;
      expect(line.trimStart().startsWith('```')).toBe(false);
      expect(line).not.toMatch(/\(https:[^)\s]* Zqm/);
      expect(line).toMatch(/ Zqm[a-z]{3} [a-z]/);
    }
  });
});

describe('lag against the schedule', () => {
  const markers = [
    { word: 'a', token: 0 },
    { word: 'b', token: 1_000 },
    { word: 'c', token: 2_000 },
  ];

  it('is painted time minus first token time plus index over rate', () => {
    // 1,000 tokens/s: token 1,000 is due 1 s after the first.
    expect(markerLags(markers, [10_030, 11_040, 12_200], 10_000, 1_000)).toEqual([30, 40, 200]);
  });

  it('is NaN for a marker never painted, and then the p95 is infinite', () => {
    const lags = markerLags(markers, [10_030, Number.NaN, 12_200], 10_000, 1_000);
    expect(lags[1]).toBeNaN();
    expect(lagP95(lags)).toBe(Number.POSITIVE_INFINITY);
    expect(lagP95([10, 20, 30])).toBeCloseTo(29, 5);
    expect(lagP95([])).toBeNaN();
  });
});

describe('the achieved send rate', () => {
  it('is tokens after the first over the time from first to last token', () => {
    expect(achievedRate(1_001, 1_000, 2_000)).toBe(1_000);
    expect(achievedRate(1_001, 1_000, 1_000)).toBe(Number.POSITIVE_INFINITY);
    expect(achievedRate(10, null, 2_000)).toBeNaN();
    expect(achievedRate(1, 1_000, 2_000)).toBeNaN();
  });
});
