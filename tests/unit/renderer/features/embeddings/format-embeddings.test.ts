import { describe, expect, it } from 'vitest';
import {
  describeCorrelation,
  formatMs,
  formatUsd,
  rankChange,
  truncate,
} from '../../../../../renderer/features/embeddings/format-embeddings';

describe('embeddings formatters', () => {
  it('shows rank moves relative to the reference model', () => {
    expect(rankChange(4, 1)).toEqual({ text: '↑3', label: 'up 3 places', up: true });
    expect(rankChange(0, 2)).toEqual({ text: '↓2', label: 'down 2 places', up: false });
    expect(rankChange(1, 0)?.label).toBe('up 1 place');
    expect(rankChange(3, 3)).toBeNull();
  });

  it('formats cost, time and labels', () => {
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd(0.0000156)).toBe('$0.000016');
    expect(formatUsd(1.234)).toBe('$1.23');
    expect(formatMs(1234.4)).toBe('1,234 ms');
    expect(formatMs(3.21)).toBe('3.2 ms');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(describeCorrelation(0.9)).toBe('strong agreement');
    expect(describeCorrelation(null)).toMatch(/undefined/);
  });
});
