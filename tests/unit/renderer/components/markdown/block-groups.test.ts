import { describe, expect, it } from 'vitest';
import { generateMarkdown } from '../../../../../electron/demo-workspace/markdown-generator';
import { mulberry32, Sampler } from '../../../../../electron/demo-workspace/sampler';
import { readTopic } from '../../../../../electron/demo-workspace/topic';
import {
  type BlockGroups,
  chunk,
  GROUP_SIZE,
  groupBlocks,
} from '../../../../../renderer/components/markdown/block-groups';
import { splitBlocks } from '../../../../../renderer/components/markdown/split-blocks';

const answer = generateMarkdown(
  readTopic('Explain Python decorators with code examples'),
  new Sampler(11, { temperature: 1, topP: 1 }, 12),
  6_000,
);

describe('groupBlocks', () => {
  it('holds every block in order, and full groups keep their identity while the text grows', () => {
    const random = mulberry32(5);
    let groups: BlockGroups | null = null;
    for (let end = 0; end < answer.length; ) {
      end = Math.min(answer.length, end + 1 + Math.floor(random() * 60));
      const text = answer.slice(0, end);
      const previous: BlockGroups | null = groups;
      groups = groupBlocks(previous, text);
      expect([...groups.full.flat(), ...groups.rest]).toEqual(splitBlocks(text));
      for (const group of groups.full) expect(group).toHaveLength(GROUP_SIZE);
      const kept = previous?.full ?? [];
      for (let g = 0; g < kept.length; g++) expect(groups.full[g]).toBe(kept[g]);
    }
    expect(groups?.full.length).toBeGreaterThan(2);
  });

  it('returns the same groups while no group fills up', () => {
    const first = groupBlocks(null, 'a\n\nb\n\nc');
    expect(groupBlocks(first, 'a\n\nb\n\nc')).toBe(first);
    expect(groupBlocks(first, 'a\n\nb\n\ncd').full).toBe(first.full);
  });

  it('regroups from scratch when the text is replaced', () => {
    const long = Array.from({ length: GROUP_SIZE * 3 }, (_, i) => `p${i}`).join('\n\n');
    const first = groupBlocks(null, long);
    const other = groupBlocks(first, long.replace('p0', 'q0'));
    expect(other.full[0]?.[0]).toBe('q0');
    expect(other.full[1]).not.toBe(first.full[1]);
  });
});

describe('chunk', () => {
  it('cuts blocks into groups of at most GROUP_SIZE', () => {
    const blocks = Array.from({ length: GROUP_SIZE + 3 }, (_, i) => String(i));
    expect(chunk(blocks).map((g) => g.length)).toEqual([GROUP_SIZE, 3]);
    expect(chunk([])).toEqual([]);
  });
});
