import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../electron/demo-workspace/tokenizer';
import { answerOfTokens, benchmarkAnswer } from '../../../bench/lib/answer';

describe('the benchmark answer', () => {
  const answer = benchmarkAnswer(100_000, 'Zqxjvwk');

  it('is ~100 KB of mixed markdown: nested lists, tables, 10+ code blocks, inline code, links', () => {
    expect(Buffer.byteLength(answer)).toBeGreaterThanOrEqual(100_000);
    expect(Buffer.byteLength(answer)).toBeLessThan(115_000);
    expect((answer.match(/^```\w+$/gm) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(answer).toMatch(/^\| --- \| ---: \|/m);
    expect(answer).toMatch(/^ {5}- /m);
    expect(answer).toMatch(/`[a-z_.()]+`/);
    expect(answer).toMatch(/\]\(https:\/\/docs\.example\.com\/\d+\)/);
  });

  it('is the same every time and ends with its sentinel as one last token', () => {
    expect(benchmarkAnswer(100_000, 'Zqxjvwk')).toBe(answer);
    expect(tokenize(answer).at(-1)).toBe(' Zqxjvwk');
  });

  it('cuts to a number of tokens and ends with the sentinel', () => {
    const short = answerOfTokens(answer, 1_500, 'Zqrmpa');
    expect(short.endsWith(' Zqrmpa')).toBe(true);
    expect(tokenize(short).length).toBeGreaterThanOrEqual(1_500);
    expect(tokenize(short).length).toBeLessThan(1_510);
  });
});
