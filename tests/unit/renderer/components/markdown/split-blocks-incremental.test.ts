import { describe, expect, it } from 'vitest';
import { generateMarkdown } from '../../../../../electron/demo-workspace/markdown-generator';
import { mulberry32, Sampler } from '../../../../../electron/demo-workspace/sampler';
import { readTopic } from '../../../../../electron/demo-workspace/topic';
import {
  type BlockSplit,
  splitBlocks,
  splitBlocksIncremental,
} from '../../../../../renderer/components/markdown/split-blocks';

/** Markdown with every construct the splitter treats specially. */
const TRICKY = [
  '# Title',
  'Intro with `inline` code, a [link](https://example.com) and \\(x^2\\).',
  '- one\n\n- two\n\n  more about two\n    - nested\n    - nested too\n\n- three',
  '1. a\n\n2. b\n\n- c',
  '```python\ndef f():\n\n    return 1\n```',
  '````\n```\n\n~~~\n````',
  '~~~\na\n\nb\n~~~',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '$$\na = b\n\nc = d\n$$',
  '\\[\n\\begin{aligned}\na &= b\n\nc &= d\n\\end{aligned}\n\\]',
  '$$x^2$$',
  'it costs $5 or $10',
  '> quote\n> more',
  '    indented code',
  '```a``` inline',
  '$$$\na\n$$\n\nb\n$$$',
  'Last words',
].join('\n\n');

function demoAnswer(seed: number, tokens: number): string {
  const topic = readTopic('Explain Python decorators with code examples');
  return generateMarkdown(topic, new Sampler(seed, { temperature: 1, topP: 1 }, seed + 1), tokens);
}

const joined = (split: BlockSplit) => [...split.settled, ...split.tail];

/** Streams `full` in random-sized pieces, checking every step against the full split. */
function streamAndCheck(full: string, seed: number, maxStep: number): void {
  const random = mulberry32(seed);
  let split: BlockSplit | null = null;
  let settledBefore: readonly string[] = [];
  for (let end = 0; end < full.length; ) {
    end = Math.min(full.length, end + 1 + Math.floor(random() * maxStep));
    const text = full.slice(0, end);
    split = splitBlocksIncremental(split, text);
    expect(joined(split)).toEqual(splitBlocks(text));
    // Settled blocks never change and are kept as the same leading blocks.
    expect(split.settled.slice(0, settledBefore.length)).toEqual(settledBefore);
    expect(split.reused).toBe(settledBefore.length);
    settledBefore = split.settled;
  }
}

describe('splitBlocksIncremental', () => {
  it('splits like splitBlocks at every prefix of tricky markdown, one character at a time', () => {
    streamAndCheck(TRICKY, 1, 1);
  });

  it('splits like splitBlocks with CRLF line endings', () => {
    streamAndCheck(TRICKY.replace(/\n/g, '\r\n'), 2, 3);
  });

  it('splits like splitBlocks on random prefixes of long generated answers', () => {
    for (const seed of [3, 4, 5]) streamAndCheck(demoAnswer(seed, 3_000), seed, 40);
  });

  it('matches the full split at random cut points of a generated answer', () => {
    const full = `${demoAnswer(7, 2_000)}\n\n${TRICKY}`;
    const random = mulberry32(9);
    for (let i = 0; i < 200; i++) {
      const a = Math.floor(random() * full.length);
      const b = a + Math.floor(random() * (full.length - a));
      const first = splitBlocksIncremental(null, full.slice(0, a));
      expect(joined(splitBlocksIncremental(first, full.slice(0, b)))).toEqual(splitBlocks(full.slice(0, b)));
    }
  });

  it('keeps a block open while the line after it may still join it', () => {
    const early = splitBlocksIncremental(null, '- a\n\n-');
    expect(early.settled).toEqual([]);
    expect(early.tail).toEqual(['- a', '-']);
    const later = splitBlocksIncremental(early, '- a\n\n- b');
    expect(joined(later)).toEqual(['- a\n\n- b']);
  });

  it('settles a block once a complete line starts the next one', () => {
    const split = splitBlocksIncremental(null, 'First\n\nSecond\nmore');
    expect(split.settled).toEqual(['First']);
    expect(split.tail).toEqual(['Second\nmore']);
  });

  it('returns the previous split when the text has not changed', () => {
    const split = splitBlocksIncremental(null, 'a\n\nb');
    expect(splitBlocksIncremental(split, 'a\n\nb')).toBe(split);
  });

  it('falls back to a full split when the text does not extend the previous one', () => {
    const first = splitBlocksIncremental(null, 'a\n\nb\n\nc');
    const other = splitBlocksIncremental(first, 'x\n\ny');
    expect(joined(other)).toEqual(['x', 'y']);
    expect(other.reused).toBe(0);
    const shorter = splitBlocksIncremental(first, 'a\n\nb');
    expect(joined(shorter)).toEqual(['a', 'b']);
  });

  it('rescans only from the open block: the settled array is shared when nothing settles', () => {
    const first = splitBlocksIncremental(null, 'a\n\nb\n\nc');
    const next = splitBlocksIncremental(first, 'a\n\nb\n\ncc');
    expect(next.settled).toBe(first.settled);
  });
});
