import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../../../../renderer/features/chat/conversations/relative-time';

const NOW = new Date(2025, 5, 15, 12, 0, 0).getTime();
const MIN = 60_000;

describe('relativeTime', () => {
  it('says how long ago, then switches to a date', () => {
    expect(relativeTime(NOW - 10_000, NOW)).toBe('just now');
    expect(relativeTime(NOW - 5 * MIN, NOW)).toBe('5 min ago');
    expect(relativeTime(NOW - 3 * 60 * MIN, NOW)).toBe('3 h ago');
    expect(relativeTime(NOW - 30 * 60 * MIN, NOW)).toBe('yesterday');
    expect(relativeTime(NOW - 4 * 24 * 60 * MIN, NOW)).toBe('4 days ago');
    expect(relativeTime(new Date(2025, 0, 3).getTime(), NOW, 'en-US')).toBe('Jan 3');
    expect(relativeTime(new Date(2023, 0, 3).getTime(), NOW, 'en-US')).toBe('Jan 3, 2023');
  });
});
